// `test` for conformance suites: the clause comes from the test name's id and goes into the test's
// meta; `verify` runs checks on an exchange and fails with the full evidence; `property` runs a
// fast-check property whose failure carries the shrunk input and the seed to replay it.
import fc from 'fast-check';
import { describe, test as base, type RunnerTestCase } from 'vitest';
import { budgetLeft, budgetSpentNote, isSkip } from './budget.ts';
import type { Check } from './checks/types.ts';
import { skipRowOf } from './cases.ts';
import { buildEvidence, ConformanceFailure, sampleOf } from './evidence.ts';
import type { Exchange } from './http/exchange.ts';
import type { RequestSpec } from './http/client.ts';
import type { Tally } from './observations.ts';
import { perSession } from './per-session.ts';
import { clauseOfTestName, type Clause } from './registry.ts';
import type { ResourceRequests } from './resource.ts';
import type { Session } from './session.ts';
import { runStats } from './stats.ts';
import { workerSession } from './worker.ts';
import { formatEvidence, SETUP_ERROR, type Evidence, type ExchangeSample } from '../model/evidence.ts';
import type { RunSummary } from '../model/run.ts';

declare module 'vitest' {
  interface TaskMeta {
    clause?: string;
    /** The resource whose describe block the test is in; absent for API-wide tests. */
    resource?: string;
    /** The operation the test judged ("POST /orders/{id}/cancel"): the one its checked request called. */
    operation?: string;
    evidence?: Evidence[];
    /** The exchanges the test checked, in order (a failing test's last one is the failure's). */
    checked?: ExchangeSample[];
    /** Skipped because the clause does not apply here (the operation, resource or run has nothing it speaks of). */
    inapplicable?: boolean;
    /** Set by run-wide tests: the run's identity and counters, which reach the report even from shards. */
    run?: RunSummary;
  }
}

export interface PropertyOptions<T> {
  /** At most this many runs, where fewer cases tell as much (random ids); MVMNT_PROPERTY_RUNS caps every property. */
  maxRuns?: number;
  /** The cases likeliest to break, tried before the generated ones (a gate run's one run is the first). */
  examples?: T[];
}

/** A request several clauses ask alike, named: the first asker's request is sent, once. */
export interface SharedQuestion {
  question: string;
  request: () => RequestSpec;
}

interface Fixtures {
  clause: Clause;
  /** The resource under test (from the describe block forEachResource made), or undefined for API-wide tests. */
  resource: ResourceRequests | undefined;
  session: Session;
  /**
   * Sends a request to the target and returns the exchange (never throws on a status). `shareAs` names
   * a question several clauses ask alike: under the gate profile the first asker's answer is every asker's.
   */
  send: (spec: RequestSpec, options?: { shareAs?: string }) => Promise<Exchange>;
  /** Fails the test with evidence when any check finds a violation. */
  verify: (exchange: Exchange, ...checks: Check[]) => void;
  /**
   * Judges the test's own request; under the gate profile, first a question the clause shares with
   * another (a bad token with a malformed body: ERR-401-BEFORE-BODY and a token clause). An answer
   * that passes the checks settles this clause too; one that does not is not held against it: the
   * test's own request decides.
   */
  settle: (own: () => RequestSpec, shared: SharedQuestion | undefined, ...checks: Check[]) => Promise<void>;
  /** Fails the test when a run-wide tally saw violations; skips it when the tally could judge nothing. */
  verifyTally: (tally: Tally) => void;
  property: <T>(arbitrary: fc.Arbitrary<T>, body: (value: T) => Promise<void>, options?: PropertyOptions<T>) => Promise<void>;
  /** Skips with the reason when an optional feature (a MAY clause's precondition) is absent. */
  skipUnless: (condition: boolean, reason: string) => void;
}

const MAX_EVIDENCE = 10;
/** Tests check a few exchanges each; a table row that checks many keeps its first ones. */
const MAX_CHECKED = 6;
/** Shrinking sends requests too: stop a property (keeping what it found) after this long. */
const PROPERTY_TIME_LIMIT_MS = 120_000;

export const test = base.extend<Fixtures & { propertyDepth: { value: number } }>({
  clause: [
    async ({ task }, use) => {
      const clause = clauseOfTestName(task.name);
      if (!clause) throw new Error(`A conformance test's name must start with a registered clause id: "${task.name}"`);
      task.meta.clause = clause.id;
      await use(clause);
    },
    { auto: true },
  ],
  resource: [
    async ({ task, skip }, use) => {
      const session = workerSession();
      const resource = resourceOfTask(task, session);
      if (resource) {
        task.meta.resource = resource.fixture.name;
        // A clause the operation cannot have, or a resource whose required references cannot be had: a skip, saying why.
        const row = skipRowOf(resource.fixture.name, task.name);
        if (row?.operation) task.meta.operation = row.operation;
        if (row) {
          task.meta.inapplicable = true;
          skip(row.reason);
        }
      }
      await use(resource);
    },
    { auto: true },
  ],
  session: async ({}, use) => use(workerSession()),
  send: async ({ session, skip }, use) =>
    use((spec, { shareAs } = {}) => {
      const shared = shareAs === undefined || session.context.settings.profile === 'full' ? undefined : sharedAnswers(session);
      const answered = shared?.get(shareAs!);
      if (answered) return answered;
      // Once the budget is spent the test stops here, skipped with the reason.
      if (budgetLeft(session) === 0) skip(budgetSpentNote(session));
      const exchange = session.client.send(spec);
      shared?.set(shareAs!, exchange);
      return exchange;
    }),
  propertyDepth: async ({}, use) => use({ value: 0 }),
  verify: async ({ task, clause, session, propertyDepth }, use) => {
    await use((exchange, ...checks) => {
      const violations = checks.flatMap((check) => check(exchange));
      if (exchange.request.route) task.meta.operation ??= exchange.request.route;
      // Of a property's cases only the first is kept: a failure's own exchange is in its evidence.
      const checked = (task.meta.checked ??= []);
      if (checked.length < (propertyDepth.value === 0 ? MAX_CHECKED : 1)) checked.push(sampleOf(exchange, session.secrets()));
      if (violations.length === 0) return;
      const evidence = buildEvidence(clause, violations, exchange, session.context.settings.reportDir, session.secrets());
      // Inside a property, only the shrunk counterexample's failure is reported (by `property`).
      if (propertyDepth.value === 0) record(task.meta, evidence);
      throw new ConformanceFailure(evidence);
    });
  },
  settle: async ({ session, send, verify }, use) => {
    await use(async (own, shared, ...checks) => {
      if (shared && session.context.settings.profile === 'gate') {
        const answer = await send(shared.request(), { shareAs: shared.question });
        if (checks.every((check) => check(answer).length === 0)) return verify(answer, ...checks);
      }
      verify(await send(own()), ...checks);
    });
  },
  verifyTally: async ({ task, session, skip }, use) => {
    await use((tally) => {
      // Nothing to judge is not the target's fault: the clause is skipped, saying why.
      if (tally.unjudged !== undefined) skip(tally.unjudged);
      if (tally.violations === 0) return;
      for (const evidence of tally.failures) record(task.meta, evidence);
      const shown = tally.failures.map(formatEvidence).join('\n\n');
      throw new Error(`${tally.violations} of ${tally.checked} responses break ${tally.clause}; the first ${tally.failures.length}:\n\n${shown}`);
    });
  },
  property: async ({ task, clause, session, propertyDepth }, use) => {
    await use(async (arbitrary, body, options = {}) => {
      const { seed, propertyRuns } = session.context.settings;
      const started = Date.now();
      propertyDepth.value += 1;
      let details: fc.RunDetails<[unknown]>;
      // Each attempt sends keys of its own; the counterexample reported is the value as it was sent.
      const sent = new WeakMap<object, unknown>();
      const attempt = (value: unknown) => {
        const renewed = session.keys.renew(value);
        if (typeof value === 'object' && value !== null) sent.set(value, renewed);
        return (body as (value: unknown) => Promise<void>)(renewed);
      };
      try {
        details = await fc.check(fc.asyncProperty(arbitrary, attempt), {
          numRuns: Math.min(options.maxRuns ?? propertyRuns, propertyRuns),
          examples: (options.examples ?? []).map((example) => [example] as [unknown]),
          seed,
          interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS,
        });
      } finally {
        propertyDepth.value -= 1;
      }
      runStats.propertyCases += details.numRuns;
      runStats.propertyMs += Date.now() - started;
      if (!details.failed) return;
      const failing = details.counterexample?.[0];
      const counterexample = fc.stringify(typeof failing === 'object' && failing !== null && sent.has(failing) ? sent.get(failing) : failing);
      const replay = `MVMNT_SEED=${details.seed} npx mvmnt-conformance --only ${clause.id}`;
      const cause = details.errorInstance;
      if (isSkip(cause)) throw cause;
      if (cause instanceof ConformanceFailure) {
        const evidence: Evidence = { ...cause.evidence, counterexample, seed: details.seed, replay };
        record(task.meta, evidence);
        throw new ConformanceFailure(evidence);
      }
      // A record the case needed could not be made: that is about the target's setup, not the input.
      if (cause instanceof Error && cause.name === SETUP_ERROR) throw cause;
      throw new Error(`${clause.id}: property failed after ${details.numRuns} runs (seed ${details.seed}).\nCounterexample: ${counterexample}\nReplay: ${replay}\n${String(cause)}`);
    });
  },
  skipUnless: async ({ skip }, use) => {
    await use((condition, reason) => skip(!condition, reason));
  },
});

/** Answers to the questions clauses share (`shareAs`), by question. */
const sharedAnswers = perSession(() => new Map<string, Promise<Exchange>>());

/** One describe block per judged resource, named after it; its tests judge that resource. */
export function forEachResource(body: (resource: ResourceRequests) => void): void {
  for (const resource of workerSession().judged) describe(resource.fixture.name, () => body(resource));
}

function resourceOfTask(task: RunnerTestCase, session: Session): ResourceRequests | undefined {
  for (let suite = task.suite; suite; suite = suite.suite) {
    const resource = session.judged.find((candidate) => candidate.fixture.name === suite!.name);
    if (resource) return resource;
  }
  return undefined;
}

function record(meta: { evidence?: Evidence[] }, evidence: Evidence): void {
  meta.evidence ??= [];
  if (meta.evidence.length < MAX_EVIDENCE) meta.evidence.push(evidence);
}
