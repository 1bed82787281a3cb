// Mutants of the rate-limit family: X-RateLimit-* on every response, a 429 when the budget is spent,
// no refusal before it is, Retry-After consistent with Reset, and service again after Reset.
import { limiterWith, onResponse, type CatalogEntry } from './support.ts';

const RATE_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

export const rateLimitMutants: CatalogEntry[] = [
  {
    name: 'rate-limit-headers-missing-on-errors',
    family: 'rate-limit',
    breaks: ['ERR-429-HEADERS'],
    models: 'The X-RateLimit-* headers are added by the success path\'s response decorator, so error responses go out without them.',
    install(app) {
      onResponse(app, ({ reply, status }) => {
        if (status >= 400 && status !== 429) for (const name of RATE_LIMIT_HEADERS) reply.removeHeader(name);
        return undefined;
      });
    },
  },
  {
    name: 'limiter-never-blocks',
    family: 'rate-limit',
    breaks: ['ERR-429-TRIPS'],
    models: 'The limiter counts requests and advertises Remaining, but runs in "monitor only" mode and never refuses one.',
    parts: {
      createLimiter: limiterWith((decision) => ({ ...decision, allowed: true })),
    },
  },
  {
    name: 'limiter-trips-one-early',
    family: 'rate-limit',
    breaks: ['ERR-429-NOT-EARLY'],
    models: 'The limiter refuses when count >= limit instead of count > limit, so the last request Remaining promised gets a 429.',
    parts: {
      createLimiter: limiterWith((decision) => ({ ...decision, allowed: decision.allowed && decision.remaining > 0 })),
    },
  },
  {
    name: 'limiter-never-resets',
    family: 'rate-limit',
    breaks: ['ERR-429-RECOVERS'],
    models: 'A client that hits the limit lands on a block list without an expiry, so it stays throttled after Reset.',
    parts: {
      createLimiter: (options) => {
        const blocked = new Set<string>();
        return limiterWith((decision, subject) => {
          if (!decision.allowed) blocked.add(subject);
          return blocked.has(subject) ? { ...decision, allowed: false, remaining: 0 } : decision;
        })(options);
      },
    },
  },
  {
    name: 'reset-in-milliseconds',
    family: 'rate-limit',
    breaks: ['ERR-429-HEADERS', 'ERR-429-TRIPS'],
    models: 'X-RateLimit-Reset is written from Date.now()-style milliseconds instead of epoch seconds.',
    install(app) {
      onResponse(app, ({ reply }) => {
        const reset = reply.getHeader('x-ratelimit-reset');
        if (reset !== undefined) reply.header('x-ratelimit-reset', String(Number(reset) * 1000));
        return undefined;
      });
    },
  },
  {
    name: 'reset-as-delay',
    family: 'rate-limit',
    breaks: ['ERR-429-HEADERS', 'ERR-429-TRIPS'],
    models: 'X-RateLimit-Reset carries the seconds left in the window (as Retry-After does) instead of the epoch second it ends.',
    install(app, parts) {
      onResponse(app, ({ reply }) => {
        const reset = reply.getHeader('x-ratelimit-reset');
        if (reset !== undefined) reply.header('x-ratelimit-reset', String(Math.max(0, Math.ceil(Number(reset) - parts.now() / 1000))));
        return undefined;
      });
    },
  },
  {
    name: 'rate-limit-remaining-frozen',
    family: 'rate-limit',
    breaks: ['ERR-429-REMAINING-COUNTS'],
    models: 'X-RateLimit-Remaining is filled from the plan\'s limit instead of the window\'s counter, so it never counts down, although the limiter does refuse requests (with Remaining 0) once the window is spent.',
    parts: {
      createLimiter: limiterWith((decision) => (decision.allowed ? { ...decision, remaining: decision.limit } : decision)),
    },
  },
  {
    name: 'retry-after-is-reset-timestamp',
    family: 'rate-limit',
    breaks: ['ERR-429-RETRY-AFTER'],
    models: 'Retry-After is filled with the X-RateLimit-Reset epoch timestamp, not the seconds to wait.',
    install(app) {
      onResponse(app, ({ reply, status }) => {
        if (status === 429) reply.header('retry-after', String(reply.getHeader('x-ratelimit-reset')));
        return undefined;
      });
    },
  },
];
