// Run-wide clauses: checks applied to every response the run receives (not to one sample), tallied
// per clause so a final test can judge them all. Kept small: counts plus the first few failures.
import { envelopeCode, envelopeShape, jsonContentType } from './checks/envelope.ts';
import { requestIdPresent } from './checks/headers.ts';
import { rateLimitHeaders } from './checks/rate-limit.ts';
import { noInternals, noSecretEcho } from './checks/security.ts';
import { noServerError } from './checks/status.ts';
import type { Violation } from './checks/types.ts';
import { buildEvidence, type Evidence } from './evidence.ts';
import { requestLine, type Exchange } from './http/exchange.ts';
import { clauseById } from './registry.ts';

export interface Tally {
  clause: string;
  checked: number;
  violations: number;
  failures: Evidence[];
}

const KEPT_FAILURES = 5;

interface RunWideRule {
  clause: string;
  applies(exchange: Exchange): boolean;
  check(exchange: Exchange): Violation[];
}

export class Observations {
  private readonly tallies = new Map<string, Tally>();
  private readonly requestIds = new Map<string, string>();
  private readonly rules: RunWideRule[];

  constructor(
    private readonly baseUrl: string,
    private readonly reportDir: string,
    private readonly secrets: () => readonly string[],
  ) {
    const api = (exchange: Exchange) => exchange.request.operation !== 'token' && exchange.request.url.startsWith(baseUrl);
    const answered = (exchange: Exchange) => api(exchange) && exchange.response !== null;
    const error = (exchange: Exchange) => answered(exchange) && exchange.response!.status >= 400;
    this.rules = [
      { clause: 'ERR-HDR-REQUEST-ID', applies: answered, check: requestIdPresent },
      { clause: 'ERR-HDR-REQUEST-ID-UNIQUE', applies: answered, check: (exchange) => this.uniqueRequestId(exchange) },
      { clause: 'ERR-429-HEADERS', applies: answered, check: rateLimitHeaders },
      { clause: 'ERR-ENV-SHAPE', applies: error, check: envelopeShape },
      { clause: 'ERR-ENV-CODE', applies: error, check: envelopeCode },
      { clause: 'ERR-ENV-CONTENT-TYPE', applies: error, check: jsonContentType },
      { clause: 'ERR-ROBUST-NO-5XX', applies: (exchange) => api(exchange) && !exchange.faultInjected, check: noServerError },
      { clause: 'ERR-SEC-NO-SECRET-ECHO', applies: error, check: noSecretEcho(secrets) },
      { clause: 'ERR-SEC-NO-INTERNALS', applies: error, check: noInternals },
    ];
  }

  readonly observe = (exchange: Exchange): void => {
    for (const rule of this.rules) {
      if (!rule.applies(exchange)) continue;
      const tally = this.tally(rule.clause);
      tally.checked += 1;
      const violations = rule.check(exchange);
      if (violations.length === 0) continue;
      tally.violations += 1;
      if (tally.failures.length < KEPT_FAILURES) {
        const clause = clauseById(rule.clause)!;
        tally.failures.push(buildEvidence(clause, violations, exchange, this.reportDir, this.secrets()));
      }
    }
  };

  tally(clause: string): Tally {
    let tally = this.tallies.get(clause);
    if (!tally) {
      tally = { clause, checked: 0, violations: 0, failures: [] };
      this.tallies.set(clause, tally);
    }
    return tally;
  }

  get clauses(): string[] {
    return this.rules.map((rule) => rule.clause);
  }

  private uniqueRequestId(exchange: Exchange): Violation[] {
    const id = exchange.response!.headers['x-request-id']?.trim();
    if (!id) return [];
    const first = this.requestIds.get(id);
    if (first === undefined) {
      this.requestIds.set(id, `${requestLine(exchange)} (#${exchange.seq})`);
      return [];
    }
    return [{ message: 'Two responses carry the same X-Request-Id.', expected: 'a distinct X-Request-Id per request', received: `${JSON.stringify(id)}, also on ${first}` }];
  }
}
