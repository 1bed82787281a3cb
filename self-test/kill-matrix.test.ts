// The mutant catalog and its kill matrix: every mutant declares real clauses, the unmutated reference
// passes every clause, every mutant is killed by the clauses it declares, and every clause is proven.
import { beforeAll, describe, expect, it } from 'vitest';
import { MUTANTS, mutantByName } from '../reference-server/mutants/index.ts';
import { loadResources } from '../fixtures/load.ts';
import { CLAUSES, formatMatrix, runMatrix, VALIDATION_MUTANT_RESOURCES, type Matrix } from './kill-matrix/matrix.ts';

const clauseIds = new Set(CLAUSES.map((clause) => clause.id));
const families = [...new Set(CLAUSES.map((clause) => clause.family))];

describe('mutant catalog', () => {
  it('declares only clauses the registry holds', () => {
    const unknown = MUTANTS.flatMap((mutant) => mutant.breaks.filter((id) => !clauseIds.has(id)).map((id) => `${mutant.name}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it('names each mutant once, in kebab-case, with a family, a clause and a model sentence', () => {
    const names = MUTANTS.map((mutant) => mutant.name);
    expect(new Set(names).size).toBe(names.length);
    for (const mutant of MUTANTS) {
      expect(mutant.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(families).toContain(mutant.family);
      expect(mutant.breaks.length).toBeGreaterThan(0);
      expect(mutant.models).toMatch(/\S.*\.$/);
      expect(mutant.parts !== undefined || mutant.install !== undefined).toBe(true);
      expect(mutantByName(mutant.name)).toBe(mutant);
    }
  });

  it('breaks every committed resource on its own: at least two mutants each (of it alone, or planted in each resource), besides vendors, whose generic mutants stand for all', () => {
    const names = loadResources().map((resource) => resource.name).filter((name) => !VALIDATION_MUTANT_RESOURCES.includes(name));
    const breaking = (name: string) => MUTANTS.filter((mutant) => (mutant.resources?.length === 1 && mutant.resources[0] === name) || (mutant.eachResource === true && mutant.resources!.includes(name)));
    const perResource = names.map((name) => `${name}: ${breaking(name).length >= 2}`);
    expect(perResource).toEqual(names.map((name) => `${name}: true`));
  });

  it('has at least 40 mutants, one for every clause and every family', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(40);
    const declared = new Set(MUTANTS.flatMap((mutant) => mutant.breaks));
    expect([...clauseIds].filter((id) => !declared.has(id))).toEqual([]);
    expect(families.filter((family) => !MUTANTS.some((mutant) => mutant.family === family))).toEqual([]);
  });
});

// The matrix takes about three minutes on a 2-core machine (BENCHMARKS.md); the hook may take longer
// so a busy machine shows a slow matrix rather than a failed one.
const MATRIX_TIMEOUT_MS = 600_000;

describe('kill matrix', () => {
  let matrix: Matrix;

  beforeAll(async () => {
    matrix = await runMatrix();
    console.log(formatMatrix(matrix));
  }, MATRIX_TIMEOUT_MS);

  it('the unmutated reference passes every clause', () => {
    expect(matrix.reference.problem).toBeUndefined();
    expect(matrix.reference.exitCode).toBe(0);
    expect(CLAUSES.map((clause) => clause.id).filter((id) => !matrix.reference.passed.includes(id))).toEqual([]);
    expect(matrix.referencePasses).toBe(true);
  });

  it('every conformant variant (an answer the contract allows) passes the whole run', () => {
    expect(matrix.variants.length).toBeGreaterThanOrEqual(2);
    const failing = matrix.variants.filter((outcome) => !outcome.passes).map((outcome) => `${outcome.variant.name} (failed ${outcome.result.failed.join(', ') || 'nothing'}, exit ${outcome.result.exitCode}${outcome.result.problem ? `, ${outcome.result.problem.split('\n')[0]}` : ''})`);
    expect(failing).toEqual([]);
  });

  it('runs at least 30 mutants and kills every one by the clauses it declares', () => {
    expect(matrix.total).toBeGreaterThanOrEqual(30);
    const survivors = matrix.outcomes.filter((outcome) => !outcome.killed).map((outcome) => `${outcome.mutant.name} (missed ${outcome.missed.join(', ') || 'nothing'}, exit ${outcome.result.exitCode}${outcome.result.problem ? `, ${outcome.result.problem.split('\n')[0]}` : ''})`);
    expect(survivors).toEqual([]);
    expect(matrix.killed).toBe(matrix.total);
  });

  it('leaves no clause unproven', () => {
    expect(matrix.unproven).toEqual([]);
  });

  it('kills a mutant of every clause family', () => {
    const killedFamilies = new Set(matrix.outcomes.filter((outcome) => outcome.killed).map((outcome) => outcome.mutant.family));
    expect(families.filter((family) => !killedFamilies.has(family))).toEqual([]);
  });
});
