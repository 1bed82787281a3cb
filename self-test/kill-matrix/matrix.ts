// The kill matrix: the unmutated reference and every catalog mutant judged by the suite, which clause
// caught which bug, the clauses no mutant proves, and the mutation score.
import { availableParallelism } from 'node:os';
import { CLAUSES } from '../../fixtures/load.ts';
import { MUTANTS, type CatalogEntry } from '../../reference-server/mutants/index.ts';
import { VARIANTS, type Variant } from '../../reference-server/mutants/variants.ts';
import { runBatch } from './batch-pool.ts';
import { DEFAULT_RUN_SETTINGS, runAgainst, type BatchTask, type RunResult, type RunSettings } from './run.ts';

export { CLAUSES };

const levelOf = new Map(CLAUSES.map((clause) => [clause.id, clause.level]));

export const REFERENCE_NAME = 'reference';

export interface MutantOutcome {
  mutant: CatalogEntry;
  result: RunResult;
  killed: boolean;
  /** Declared clauses that did not fail. */
  missed: string[];
  /** The cause the mutant declares it is diagnosed by, when the report does not name it. */
  misdiagnosed?: string;
}

export interface VariantOutcome {
  variant: Variant;
  result: RunResult;
  /** Exit 0 and no clause failed: the suite accepted an answer the contract allows. */
  passes: boolean;
}

export interface Matrix {
  reference: RunResult;
  /** Conformant variants of the reference; each must pass like the reference does. */
  variants: VariantOutcome[];
  /** Exit 0 and every registered clause passed. */
  referencePasses: boolean;
  outcomes: MutantOutcome[];
  /** Clauses no killed mutant declares: nothing shows the suite would notice them broken. */
  unproven: string[];
  killed: number;
  total: number;
  durationMs: number;
}

export interface MatrixOptions {
  mutants?: CatalogEntry[];
  variants?: Variant[];
  /** Batch workers (each a vitest instance judging one target after another) beside the reference's run. */
  concurrency?: number;
  settings?: RunSettings;
  /** Called as each run finishes, in completion order. */
  progress?: (result: RunResult) => void;
}

/**
 * Batch workers, one per core and one more: a run spends part of its time waiting (rate-limit pacing,
 * the reset, timeouts of hang mutants), which the extra worker fills. Measured on 2 cores, with the
 * reference's own run beside them: 2 workers 199 s, 3 180 s, 4 192 s.
 */
export function defaultConcurrency(): number {
  return Math.max(2, Math.min(6, availableParallelism() + 1));
}

/**
 * A mutant of every resource is shown on one: the smallest committed one (no references, few fields),
 * or, for the validation family, the one whose fields have every kind of rule (formats, enums, nested
 * addresses, arrays). A mutant of one resource is shown on that one.
 */
export const DEFAULT_MUTANT_RESOURCES = ['payment-terms'];
export const VALIDATION_MUTANT_RESOURCES = ['vendors'];

export function resourcesOf(mutant: CatalogEntry): string[] {
  return mutant.resources ?? (mutant.family === 'validation' ? VALIDATION_MUTANT_RESOURCES : DEFAULT_MUTANT_RESOURCES);
}
/** Conformant variants judge the resource where every clause applies (a lookup parameter, references, enums). */
export const VARIANT_RESOURCES = ['customers'];

/**
 * Killed: every declared clause failed (on the mutant's resource, for a mutant of one resource), and
 * the run failed (exit non-zero) whenever a declared clause is MUST or SHOULD. A mutant that only
 * breaks MAY clauses cannot fail a run.
 */
export function judge(mutant: CatalogEntry, result: RunResult): MutantOutcome {
  // A clause judged on resources must fail on the mutant's (on each of them, for a bug planted in each);
  // one judged for the whole run (ERR-ONE-ANSWER) fails on none.
  const failedOn = (id: string) => result.failedOn[id] ?? [];
  const failedThere = (id: string) =>
    result.failed.includes(id) &&
    (mutant.resources === undefined ||
      (mutant.eachResource ? mutant.resources.every((resource) => failedOn(id).includes(resource)) : failedOn(id).length === 0 || mutant.resources.some((resource) => failedOn(id).includes(resource))));
  const missed = mutant.breaks.filter((id) => !failedThere(id));
  const failsRun = mutant.breaks.some((id) => levelOf.get(id) !== 'MAY');
  const misdiagnosed = mutant.diagnosis !== undefined && !result.causes.includes(mutant.diagnosis) ? mutant.diagnosis : undefined;
  const killed = result.problem === undefined && missed.length === 0 && misdiagnosed === undefined && (!failsRun || (result.exitCode !== null && result.exitCode !== 0));
  return { mutant, result, killed, missed, ...(misdiagnosed ? { misdiagnosed } : {}) };
}

/** A rate limit no run reaches: the rate-limit clauses skip their burst, and nothing else waits. */
const UNHURRIED = { limit: 1_000_000, windowSeconds: 1 };
const RATE_LIMIT_CLAUSES = new Set(CLAUSES.filter((clause) => clause.family === 'rate-limit').map((clause) => clause.id));

/** The tight limit is for mutants the rate-limit clauses must catch; the others' runs are not held back by it (a whole-API run would wait minutes). */
function settingsFor(mutant: CatalogEntry, settings: RunSettings): RunSettings {
  const paced = mutant.breaks.some((id) => RATE_LIMIT_CLAUSES.has(id)) ? settings : { ...settings, rateLimit: UNHURRIED };
  // A bug planted in every resource is judged on every operation of every resource, as the reference
  // is; its clauses have table rows, so one case per property is enough there.
  return mutant.eachResource ? { ...paced, propertyRuns: 1, hardTimeoutMs: settings.referenceHardTimeoutMs } : paced;
}

export async function runMatrix(options: MatrixOptions = {}): Promise<Matrix> {
  const started = Date.now();
  const mutants = options.mutants ?? MUTANTS;
  const variants = options.variants ?? VARIANTS;
  const settings = options.settings ?? DEFAULT_RUN_SETTINGS;
  // The reference judges every resource through the command itself, as a user runs it; variants and
  // mutants only the resources they touch (never fewer clauses), on the batch workers.
  const tasks: BatchTask[] = [
    ...variants.map((variant) => ({ name: variant.name, resources: VARIANT_RESOURCES, settings })),
    ...mutants.map((mutant) => ({ name: mutant.name, resources: resourcesOf(mutant), settings: settingsFor(mutant, settings) })),
  ];
  const results = await Promise.all([
    runReference(settings).then((result) => (options.progress?.(result), result)),
    runBatch(tasks, options.concurrency ?? defaultConcurrency(), options.progress),
  ]).then(([referenceResult, batchResults]) => [referenceResult, ...batchResults]);

  const [reference, ...rest] = results as [RunResult, ...RunResult[]];
  const variantOutcomes = variants.map((variant, index): VariantOutcome => {
    const result = rest[index]!;
    return { variant, result, passes: result.problem === undefined && result.exitCode === 0 && result.failed.length === 0 };
  });
  const mutantResults = rest.slice(variants.length);
  const outcomes = mutants.map((mutant, index) => judge(mutant, mutantResults[index]!));
  const proven = new Set(outcomes.filter((outcome) => outcome.killed).flatMap((outcome) => outcome.mutant.breaks));
  return {
    reference,
    referencePasses: reference.problem === undefined && reference.exitCode === 0 && CLAUSES.every((clause) => reference.passed.includes(clause.id)),
    variants: variantOutcomes,
    outcomes,
    unproven: CLAUSES.map((clause) => clause.id).filter((id) => !proven.has(id)),
    killed: outcomes.filter((outcome) => outcome.killed).length,
    total: outcomes.length,
    durationMs: Date.now() - started,
  };
}

/**
 * The reference judged on every operation of every resource, in two runs of the command: every family
 * but the rate limit on a server whose limit never holds it back (tens of thousands of requests), and
 * the rate-limit family on a tight limit its burst exhausts within one window even on a busy machine.
 */
async function runReference(settings: RunSettings): Promise<RunResult> {
  const unhurried = { ...settings, hardTimeoutMs: settings.referenceHardTimeoutMs, rateLimit: UNHURRIED };
  const rest = await runAgainst(REFERENCE_NAME, undefined, unhurried, undefined, ['--skip', 'rate-limit']);
  const limited = await runAgainst(REFERENCE_NAME, undefined, settings, undefined, ['--only', 'rate-limit']);
  const rateLimit = new Set(CLAUSES.filter((clause) => clause.family === 'rate-limit').map((clause) => clause.id));
  const ofFamily = (ids: string[], inFamily: boolean) => ids.filter((id) => rateLimit.has(id) === inFamily);
  return {
    name: REFERENCE_NAME,
    exitCode: rest.exitCode === null || limited.exitCode === null ? null : Math.max(rest.exitCode, limited.exitCode),
    failed: [...ofFamily(rest.failed, false), ...ofFamily(limited.failed, true)],
    skipped: [...ofFamily(rest.skipped, false), ...ofFamily(limited.skipped, true)],
    passed: [...ofFamily(rest.passed, false), ...ofFamily(limited.passed, true)],
    failedOn: { ...rest.failedOn, ...limited.failedOn },
    causes: [...rest.causes, ...limited.causes],
    durationMs: rest.durationMs + limited.durationMs,
    ...(rest.problem || limited.problem ? { problem: [rest.problem, limited.problem].filter(Boolean).join('\n') } : {}),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The report: the reference line, one line per mutant (declared clauses marked *), unproven clauses, the score. */
export function formatMatrix(matrix: Matrix): string {
  const width = Math.max(REFERENCE_NAME.length, ...matrix.variants.map((outcome) => outcome.variant.name.length), ...matrix.outcomes.map((outcome) => outcome.mutant.name.length));
  const lines: string[] = [];
  const { reference } = matrix;
  const notPassed = CLAUSES.map((clause) => clause.id).filter((id) => !reference.passed.includes(id));
  lines.push(
    `${matrix.referencePasses ? 'passes  ' : 'FAILS   '} ${REFERENCE_NAME.padEnd(width)} → ` +
      (matrix.referencePasses
        ? `all ${CLAUSES.length} clauses passed`
        : `exit ${reference.exitCode}; not passed: ${notPassed.join(', ') || '(none)'}${reference.problem ? `; ${reference.problem}` : ''}`) +
      ` (${seconds(reference.durationMs)})`,
  );
  for (const { variant, result, passes } of matrix.variants) {
    const skipped = result.skipped.length > 0 ? `; skipped: ${result.skipped.join(', ')}` : '';
    const why = passes ? '' : `; failed: ${result.failed.join(', ') || '(none)'}, exit ${result.exitCode}${result.problem ? `; ${result.problem.split('\n')[0]}` : ''}`;
    lines.push(`${passes ? 'passes  ' : 'FAILS   '} ${variant.name.padEnd(width)} → conformant variant (${variant.allowedBy})${skipped}${why} (${seconds(result.durationMs)})`);
  }
  for (const { mutant, result, killed, missed, misdiagnosed } of matrix.outcomes) {
    const failed = result.failed.map((id) => (mutant.breaks.includes(id) ? `${id}*` : id)).join(', ') || '(no clause failed)';
    const diagnosis = misdiagnosed ? `; not diagnosed as ${misdiagnosed} (causes: ${result.causes.join(', ') || 'none'})` : '';
    const why = killed ? '' : `; missed: ${missed.join(', ') || '(none)'}, exit ${result.exitCode}${diagnosis}${result.problem ? `; ${result.problem.split('\n')[0]}` : ''}`;
    const on = mutant.resources ? ` [${mutant.resources.join(', ')}]` : '';
    lines.push(`${killed ? 'killed  ' : 'SURVIVED'} ${mutant.name.padEnd(width)} → ${failed}${on}${why} (${seconds(result.durationMs)})`);
  }
  lines.push('(* a clause the mutant declares in breaks)');
  lines.push(`unproven clauses: ${matrix.unproven.length === 0 ? 'none' : matrix.unproven.join(', ')}`);
  lines.push(`matrix time: ${seconds(matrix.durationMs)}`);
  lines.push(`mutation score: ${matrix.killed}/${matrix.total} killed`);
  return lines.join('\n');
}

/** Whether the matrix holds: the reference and its conformant variants pass, every mutant dies and every clause is proven. */
export function matrixHolds(matrix: Matrix): boolean {
  return matrix.referencePasses && matrix.variants.every((outcome) => outcome.passes) && matrix.killed === matrix.total && matrix.unproven.length === 0;
}
