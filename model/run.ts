// What a run reports about itself: its identity and counters, carried by run-wide tests to the report
// (from every worker and shard), and the key prefix that marks every record a run creates.

/** How the note of a test skipped because the run's request budget (MVMNT_MAX_REQUESTS) was spent starts. */
export const BUDGET_SPENT = 'request budget spent';

/** How deep a run judges: `full` is every case of every table; `gate` gives every clause × operation `full` judges its verdict on the fewest requests (CONTRACT.md, "Profiles"). */
export type Profile = 'gate' | 'full';

export const PROFILES: readonly Profile[] = ['gate', 'full'];

/** Every client key a run writes starts with this (then the run's id), so a sweep finds leftovers and nothing else. */
export const KEY_PREFIX = 'conformance-';

/** A worker's counters: requests sent, time waited on the rate limit, property cases, the burst. */
export interface RunStats {
  requests: number;
  /** 429s outside the burst (each is sent again after the wait it asks for). */
  throttled: number;
  waitedMs: number;
  propertyCases: number;
  propertyMs: number;
  burstSent: number;
  burstBudget: number;
}

/** What the report needs to know about a worker's part of the run; carried in run-wide tests' meta. */
export interface RunSummary {
  runId: string;
  startedAt: string;
  target: { baseUrl: string; embedded: boolean };
  profile: Profile;
  /** The resources this worker (or shard) judged. */
  resources: string[];
  /** The operations those resources declare, as reports name them ("POST /shipments/{id}/cancel"). */
  operations: string[];
  seed: number;
  stats: RunStats;
}

/** What the reports need of the run's settings: where they are written, which waivers apply, which shard this is. */
export interface ReportSettings {
  reportDir: string;
  expectationsFile?: string;
  shard?: { index: number; count: number };
}
