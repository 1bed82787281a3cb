// Evidence and samples built from exchanges (their shapes and the excerpt rules are model/'s): what
// was expected and received, how to fix it, the response and a curl line, every credential hidden.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatEvidence, SAMPLED_HEADERS, type Evidence, type ExchangeSample } from '../model/evidence.ts';
import { bodyExcerpt, EXCERPT_CHARS, hiddenExcerpt, redact, SAMPLE_BODY_CHARS } from '../model/excerpt.ts';
import type { Violation } from '../model/violation.ts';
import { toCurl } from './http/curl.ts';
import type { Exchange } from './http/exchange.ts';
import { credentialsOf } from './redact.ts';

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

/** Thrown by a failing expectation; fast-check keeps it as the cause of a property failure. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  constructor(readonly evidence: Evidence) {
    super(formatEvidence(evidence));
  }
}
