// What a run (or one shard of it) hands to the reports: its collected tests, the run summaries its
// workers reported, and its errors. A shard writes this as its blob; merging shards joins the records.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectedTest } from './build-model.ts';
import type { RunSummary } from '../model/run.ts';

export interface RunRecord {
  tests: CollectedTest[];
  summaries: RunSummary[];
  unhandledErrors: string[];
  interrupted: boolean;
  startedAtMs: number;
  durationMs: number;
}

export const BLOB_DIR = 'blob';

export function writeShardRecord(reportDir: string, shard: { index: number; count: number }, record: RunRecord): string {
  const dir = join(reportDir, BLOB_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `shard-${shard.index}-of-${shard.count}.json`);
  writeFileSync(file, `${JSON.stringify(record)}\n`);
  return file;
}

/** Every shard record in `dir`, joined: tests and summaries of all, the earliest start, the longest shard. */
export function mergeShardRecords(dir: string): RunRecord {
  const files = readdirSync(dir).filter((name) => /^shard-\d+-of-\d+\.json$/.test(name)).sort();
  if (files.length === 0) throw new Error(`no shard reports (shard-<i>-of-<n>.json) in ${dir}`);
  const records = files.map((name) => {
    try {
      return JSON.parse(readFileSync(join(dir, name), 'utf8')) as RunRecord;
    } catch (error) {
      throw new Error(`${join(dir, name)} is not a readable shard report: ${(error as Error).message}`);
    }
  });
  return {
    tests: records.flatMap((record) => record.tests),
    summaries: records.flatMap((record) => record.summaries),
    unhandledErrors: records.flatMap((record) => record.unhandledErrors),
    interrupted: records.some((record) => record.interrupted),
    startedAtMs: Math.min(...records.map((record) => record.startedAtMs)),
    durationMs: Math.max(...records.map((record) => record.durationMs)),
  };
}
