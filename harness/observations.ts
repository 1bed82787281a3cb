// Run-wide clauses: checks applied to every response the run receives (not to one sample), tallied
// per clause and resource so final tests can judge them all. Kept small: counts plus the first few
// failures. Comparisons across responses (request ids, rate-limit windows) span every resource.
import { Answers } from './checks/one-answer.ts';
import { envelopeCode, envelopeShape, jsonContentType } from './checks/envelope.ts';
import { requestIdPresent } from './checks/headers.ts';
import { rateLimitHeaders } from './checks/rate-limit.ts';
import { FROZEN_AFTER_SERVED, RateLimitWindows } from './checks/rate-limit-windows.ts';
import { noInternals, noSecretEcho } from './checks/security.ts';
import { noServerError } from './checks/status.ts';
import { buildEvidence } from './evidence.ts';
import { requestLine, type Exchange } from './http/exchange.ts';
import { clauseById } from './registry.ts';
import type { Evidence } from '../model/evidence.ts';
import type { Violation } from '../model/violation.ts';

export interface Tally {
  clause: string;
  /** The resource whose routes the responses answered; undefined: responses outside any resource. */
  resource?: string;
  checked: number;
  violations: number;
  failures: Evidence[];
  /** Set when the responses seen could not judge the clause at all: it is skipped with this reason. */
  unjudged?: string;
}

const KEPT_FAILURES = 5;

interface RunWideRule {
  clause: string;
  /** Which responses the rule judges: error responses only, or every answered API response. */
  scope: 'errors' | 'responses';
  applies(exchange: Exchange): boolean;
  check(exchange: Exchange): Violation[];
  /** Why responses were checked but could not decide the clause (not enough of them in one window, say). */
  unjudged?(): string | undefined;
  /** The check compares a response with earlier ones, so it cannot judge one response alone. */
  acrossResponses?: true;
}

export class Observations {
  private readonly tallies = new Map<string, Tally>();
  private readonly requestIds = new Map<string, string>();
  private readonly rateLimitWindows = new RateLimitWindows();
  private readonly answers = new Answers();
  private readonly rules: RunWideRule[];
  private readonly isApi: (exchange: Exchange) => boolean;

  constructor(
    private readonly baseUrl: string,
    private readonly reportDir: string,
    private readonly secrets: () => readonly string[],
  ) {
    const api = (this.isApi = (exchange: Exchange) => exchange.request.operation !== 'token' && exchange.request.url.startsWith(baseUrl));
    const answered = (exchange: Exchange) => api(exchange) && exchange.response !== null;
    const error = (exchange: Exchange) => answered(exchange) && exchange.response!.status >= 400;
    this.rules = [
      { clause: 'ERR-HDR-REQUEST-ID', scope: 'responses', applies: answered, check: requestIdPresent },
      { clause: 'ERR-HDR-REQUEST-ID-UNIQUE', scope: 'responses', applies: answered, check: (exchange) => this.uniqueRequestId(exchange), acrossResponses: true },
      { clause: 'ERR-429-HEADERS', scope: 'responses', applies: answered, check: rateLimitHeaders },
      {
        clause: 'ERR-429-REMAINING-COUNTS',
        scope: 'responses',
        applies: (exchange) => answered(exchange) && exchange.bucket !== undefined,
        check: (exchange) => this.rateLimitWindows.observe(exchange),
        acrossResponses: true,
        unjudged: () =>
          this.rateLimitWindows.judged === 0
            ? `no rate-limit window of this run saw ${FROZEN_AFTER_SERVED} requests served to the run's token (or the responses carry no X-RateLimit-* headers, see ERR-429-HEADERS), so the countdown could not be judged`
            : undefined,
      },
      { clause: 'ERR-ENV-SHAPE', scope: 'errors', applies: error, check: envelopeShape },
      { clause: 'ERR-ENV-CODE', scope: 'errors', applies: error, check: envelopeCode },
      { clause: 'ERR-ENV-CONTENT-TYPE', scope: 'errors', applies: error, check: jsonContentType },
      { clause: 'ERR-ROBUST-NO-5XX', scope: 'responses', applies: (exchange) => api(exchange) && !exchange.faultInjected, check: noServerError },
      { clause: 'ERR-SEC-NO-SECRET-ECHO', scope: 'errors', applies: error, check: noSecretEcho(secrets) },
      { clause: 'ERR-SEC-NO-INTERNALS', scope: 'errors', applies: error, check: noInternals },
    ];
  }

  readonly observe = (exchange: Exchange): void => {
    if (this.isApi(exchange)) this.answers.observe(exchange);
    for (const rule of this.rules) {
      if (!rule.applies(exchange)) continue;
      const tally = this.counts(rule.clause, exchange.request.resource);
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

  /** The clause's tally so far for one resource's responses; `unjudged` says why it cannot be decided, when it cannot. */
  tally(clause: string, resource?: string): Tally {
    const tally = this.counts(clause, resource);
    const rule = this.rules.find((candidate) => candidate.clause === clause);
    const where = resource === undefined ? 'outside any resource\'s routes' : `to ${resource}`;
    const unjudged = tally.checked === 0
      ? `no response ${where} in this run was subject to this clause (its families were not selected, or sent no such request), so there was nothing to judge`
      : tally.violations === 0 ? rule?.unjudged?.() : undefined;
    return { ...tally, unjudged };
  }

  private counts(clause: string, resource: string | undefined): Tally {
    const id = `${clause} ${resource ?? ''}`;
    let tally = this.tallies.get(id);
    if (!tally) {
      tally = { clause, ...(resource === undefined ? {} : { resource }), checked: 0, violations: 0, failures: [] };
      this.tallies.set(id, tally);
    }
    return tally;
  }

  /** How many questions with two accepted answers this run has asked of two operations or more. */
  questionsAsked(): number {
    return this.answers.judge().asked;
  }

  /** ERR-ONE-ANSWER over the whole run: the questions asked of two operations or more, and the answers that differ from the rest. */
  oneAnswer(): Tally {
    const clause = 'ERR-ONE-ANSWER';
    const { asked, findings } = this.answers.judge();
    const failures = findings.slice(0, KEPT_FAILURES).map((finding) => buildEvidence(clauseById(clause)!, [finding.violation], finding.example, this.reportDir, this.secrets()));
    return {
      clause,
      checked: asked,
      violations: findings.length,
      failures,
      ...(asked === 0 ? { unjudged: 'no question with two accepted answers was asked of two operations in this run (its families were not selected), so there was nothing to compare' } : {}),
    };
  }

  get clauses(): string[] {
    return this.rules.map((rule) => rule.clause);
  }

  /** Run-wide rules that can also judge one response alone: where it applies, and the check. */
  get perResponseRules(): Pick<RunWideRule, 'clause' | 'scope' | 'applies' | 'check'>[] {
    return this.rules.filter((rule) => !rule.acrossResponses);
  }

  private uniqueRequestId(exchange: Exchange): Violation[] {
    const id = exchange.response!.headers['x-request-id']?.trim();
    if (!id) return [];
    const first = this.requestIds.get(id);
    if (first === undefined) {
      this.requestIds.set(id, `${requestLine(exchange)} (#${exchange.seq})`);
      return [];
    }
    return [{ kind: 'request-id-reused', message: 'Two responses carry the same X-Request-Id.', expected: 'a distinct X-Request-Id per request', received: `${JSON.stringify(id)}, also on ${first}` }];
  }
}
