// Counters of the worker's run that the benchmark and the report read, and the summary of the run
// each suite file hands the report when it ends (runner/per-file.ts), whichever of its tests ran.
import type { RunSummary } from '../model/run.ts';
import type { Session } from './session.ts';

export const runStats = {
  propertyCases: 0,
  propertyMs: 0,
  /** Requests the rate-limit burst sent, and the budget (Remaining + 1) it set out to spend. */
  burstSent: 0,
  burstBudget: 0,
};

export function runSummary(session: Session): RunSummary {
  const { runId, startedAt, target, settings, judged } = session.context;
  return {
    runId,
    startedAt,
    target: { baseUrl: target.baseUrl, embedded: target.embedded },
    profile: settings.profile,
    resources: judged,
    operations: session.judged.flatMap((resource) => resource.operations.map((operation) => operation.label)),
    seed: settings.seed,
    stats: { requests: session.client.sent.requests, throttled: session.client.sent.throttled, waitedMs: session.pacer.waitedMs, ...runStats },
  };
}
