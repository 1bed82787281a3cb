// Evidence of a failed clause and samples of checked exchanges: what the harness records in a test's
// meta and every report renders (console, Markdown, HTML, JSON, a comparison of two reports).
import type { Violation } from './violation.ts';

export interface Evidence {
  clause: string;
  title: string;
  /** The resource whose route the request called (absent for requests outside any resource). */
  resource?: string;
  violations: Violation[];
  fix: string;
  request: { method: string; url: string; headers: Record<string, string>; bodyExcerpt?: string };
  response: { status: number; headers: Record<string, string>; bodyExcerpt: string; truncated: boolean } | null;
  /** Set when no response came: timeout or dropped connection. */
  transportFailure?: string;
  curl: string;
  /** Property failures: the shrunk input, and how to replay it. */
  counterexample?: string;
  seed?: number;
  replay?: string;
}

/**
 * A checked exchange in brief, kept for every test (not only failing ones) so two reports can show
 * the same request side by side (mvmnt-conformance compare).
 */
export interface ExchangeSample {
  method: string;
  /** Path and query: the origin differs between targets. */
  path: string;
  status: number | null;
  /** The headers the contract speaks of. */
  headers: Record<string, string>;
  bodyExcerpt: string;
}

export const SAMPLED_HEADERS = ['content-type', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after', 'allow', 'www-authenticate'];

/** The name a setup failure keeps through vitest's serialization: reports tell it from a broken check by it. */
export const SETUP_ERROR = 'SetupError';

/** How a setup failure's first line ends, after what could not be built and why: advice goes before it, reports trim it. */
export const SETUP_UNJUDGED = '; the clause cannot be judged until this works.';

export const REASON_PHRASES: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Content Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** The failure block every output shares (console, Markdown, vitest's own failure message). */
export function formatEvidence(evidence: Evidence): string {
  const lines = [`${evidence.clause}  ${evidence.title}${evidence.resource ? ` (${evidence.resource})` : ''}`];
  for (const violation of evidence.violations) {
    lines.push(`  - ${violation.message}`, `    Expected: ${violation.expected}`, `    Received: ${violation.received}`);
  }
  lines.push(`  Fix: ${evidence.fix}`);
  if (evidence.counterexample) lines.push(`  Counterexample (shrunk): ${evidence.counterexample}`);
  if (evidence.replay) lines.push(`  Replay: ${evidence.replay}`);
  lines.push(`  Request: ${evidence.request.method} ${evidence.request.url}`);
  if (evidence.response) {
    const { status, headers, bodyExcerpt: body, truncated } = evidence.response;
    lines.push(`  [${status}] ${REASON_PHRASES[status] ?? ''}`.trimEnd());
    for (const [name, value] of Object.entries(headers)) lines.push(`    ${name}: ${value}`);
    lines.push(`    ${body === '' ? '(empty body)' : body}${truncated ? ' (body cut at 1 MiB)' : ''}`);
  } else {
    lines.push(`  No response: ${evidence.transportFailure}`);
  }
  lines.push('  Reproduce with:', `    ${evidence.curl}`);
  return lines.join('\n');
}
