// The run's shared facts, decided once in the main process (global setup) and handed to test workers.
import type { ResourceFixture } from '../fixtures/load.ts';
import type { Catalog } from './catalog.ts';
import type { Credentials, Settings } from './config.ts';


export interface TargetInfo {
  baseUrl: string;
  tokenUrl: string | null;
  /** The embedded reference server, started by this run. */
  embedded: boolean;
}

export interface RunContext {
  runId: string;
  startedAt: string;
  target: TargetInfo;
  credentials: Credentials;
  settings: Settings;
  /** Every resource the run knows (judged, or only the parent of a judged one's reference). */
  known: ResourceFixture[];
  /** Names of the resources the run judges, in order. */
  judged: string[];
  /** Set in all shards but the last: the burst runs once, in shard n of n. */
  burstElsewhere?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    run: RunContext;
    /** The command's catalog, resolved once before the run (an --openapi description is imported once). */
    catalog?: Catalog;
  }
}

/** Short, sortable, unique enough to tell runs apart in keys: base36 time plus randomness. */
export function newRunId(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36).padStart(3, '0')}`;
}
