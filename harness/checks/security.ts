// Security checks on error bodies: no credentials echoed, no stack traces, file paths or SQL.
import { credentialsOf } from '../redact.ts';
import type { Check } from './types.ts';
import type { Violation } from '../../model/violation.ts';

export function noSecretEcho(secrets: () => readonly string[]): Check {
  return (exchange) => {
    const body = exchange.response?.bodyText;
    if (!body || exchange.response!.status < 400) return [];
    return credentialsOf(exchange, secrets()).some((secret) => body.includes(secret))
      ? [{ kind: 'secret-echo', message: 'The error body repeats a credential the request carried.', expected: 'no token, secret or Authorization value in the body', received: 'a credential in the body (not shown)' }]
      : [];
  };
}

const INTERNALS: [RegExp, string][] = [
  [/\n\s+at .+:\d+:\d+\)?/, 'a JavaScript stack trace'],
  [/Traceback \(most recent call last\)/, 'a Python traceback'],
  [/\bat [\w$.]+\([\w$]+\.(?:java|kt|scala):\d+\)/, 'a JVM stack trace'],
  [/\.go:\d+ \+0x[0-9a-f]+/, 'a Go stack trace'],
  [/(?:\/[\w.@-]+){2,}\.(?:js|mjs|cjs|ts|py|rb|java|go|php|cs)\b/, 'a server file path'],
  [/\b[A-Z]:\\(?:[\w.-]+\\)+/, 'a server file path'],
  [/\bselect\s+[\w*,.\s"]+\s+from\s+\w/i, 'SQL'],
  [/\binsert\s+into\s+\w/i, 'SQL'],
  [/\bupdate\s+["\w.]+\s+set\s+\w/i, 'SQL'],
  [/\bdelete\s+from\s+\w/i, 'SQL'],
  [/\bSQLSTATE\b|syntax error at or near|violates (?:unique|foreign key|not-null) constraint|\bORA-\d{5}\b|\bER_[A-Z_]{4,}\b/, 'a database error'],
];

export const noInternals: Check = (exchange) => {
  const body = exchange.response?.bodyText;
  if (!body || exchange.response!.status < 400) return [];
  return INTERNALS.filter(([pattern]) => pattern.test(body)).map(([pattern, what]): Violation => ({
    kind: 'internals', message: `The error body exposes ${what}.`,
    expected: 'a generic message in the envelope',
    received: excerptAround(body, pattern),
  }));
};

function excerptAround(body: string, pattern: RegExp): string {
  const match = pattern.exec(body);
  if (!match) return '';
  const start = Math.max(0, match.index - 20);
  return JSON.stringify(body.slice(start, match.index + match[0].length + 20));
}
