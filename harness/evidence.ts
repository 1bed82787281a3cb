// Evidence of a failed clause: what was expected and received, how to fix it, the response and a
// curl line. It travels in the test's meta to the reporters and is rendered the same everywhere.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Violation } from './checks/types.ts';
import { toCurl } from './http/curl.ts';
import { credentialsOf, redact } from './redact.ts';
import { bodyExcerpt, EXCERPT_CHARS, REASON_PHRASES, type Exchange } from './http/exchange.ts';

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
export const SAMPLE_BODY_CHARS = 300;

/** An evidence excerpt cut to a sample's length, still marked as cut. */
export function sampleExcerpt(excerpt: string): string {
  return excerpt.length <= SAMPLE_BODY_CHARS ? excerpt : `${excerpt.slice(0, SAMPLE_BODY_CHARS)}…`;
}

export function sampleOf(exchange: Exchange, secrets: readonly string[]): ExchangeSample {
  const credentials = credentialsOf(exchange, secrets);
  const hide = (text: string) => redact(text, credentials);
  const url = new URL(exchange.request.url);
  const { response } = exchange;
  return {
    method: exchange.request.method,
    path: `${url.pathname}${url.search}`,
    status: response?.status ?? null,
    headers: Object.fromEntries(SAMPLED_HEADERS.flatMap((name) => (response?.headers[name] === undefined ? [] : [[name, hide(response.headers[name])]]))),
    bodyExcerpt: response ? hiddenExcerpt(response.bodyText, credentials, SAMPLE_BODY_CHARS) : `no response (${exchange.failure?.kind ?? 'unknown'})`,
  };
}

/** Cut before hiding: a 100,000-character body need not be searched for credentials to show a few hundred characters. */
function hiddenExcerpt(text: string, credentials: readonly string[], limit: number): string {
  if (text.length <= limit) return redact(text, credentials);
  const longest = Math.max(0, ...credentials.map((credential) => credential.length));
  let hidden = redact(text.slice(0, limit + longest), credentials);
  // Only a credential cut in two at the slice's end escapes redaction, and it lies within `longest` of that end:
  // when hiding shortened the slice so far that it reaches into what is shown, hide the whole body.
  if (hidden.length < limit + longest) hidden = redact(text, credentials);
  return `${hidden.slice(0, limit)}… (${text.length - limit} more characters)`;
}

/** The name a setup failure (records.ts) keeps through vitest's serialization: reports tell it from a broken check by it. */
export const SETUP_ERROR = 'SetupError';

export interface ClauseInfo {
  id: string;
  title: string;
  fix: string;
}

/** `secrets`: the run's credential values, hidden wherever the response repeats one. */
export function buildEvidence(clause: ClauseInfo, violations: Violation[], exchange: Exchange, reportDir: string, secrets: readonly string[]): Evidence {
  const credentials = credentialsOf(exchange, secrets);
  const hide = (text: string) => redact(text, credentials);
  const bodiesDir = join(reportDir, 'bodies');
  const curl = toCurl(exchange, bodiesDir);
  if (curl.bodyFile) {
    mkdirSync(bodiesDir, { recursive: true });
    writeFileSync(join(bodiesDir, curl.bodyFile.name), curl.bodyFile.content);
  }
  const { request, response } = exchange;
  return {
    clause: clause.id,
    title: clause.title,
    ...(request.resource ? { resource: request.resource } : {}),
    violations: violations.map((violation) => ({ kind: violation.kind, message: hide(violation.message), expected: hide(violation.expected), received: hide(violation.received) })),
    fix: clause.fix,
    request: {
      method: request.method,
      url: request.url,
      headers: request.headers,
      bodyExcerpt: request.body && request.body.length > 0 ? bodyExcerpt(Buffer.from(request.body).toString('utf8'), 300) : undefined,
    },
    response: response && {
      status: response.status,
      headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, hide(value)])),
      bodyExcerpt: hiddenExcerpt(response.bodyText, credentials, EXCERPT_CHARS),
      truncated: response.truncated,
    },
    transportFailure: exchange.failure ? `${exchange.failure.kind}: ${exchange.failure.message}` : undefined,
    curl: curl.command,
  };
}

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

/** Thrown by a failing expectation; fast-check keeps it as the cause of a property failure. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  constructor(readonly evidence: Evidence) {
    super(formatEvidence(evidence));
  }
}
