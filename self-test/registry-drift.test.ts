// Drift tests: the registry, CONTRACT.md and the suites name the same clauses, in both directions.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadResources } from '../fixtures/load.ts';
import { CLAUSES, CLAUSE_ID_PATTERN, FAMILIES } from '../harness/registry.ts';
import { CAUSES_END, CAUSES_START, CONTRACT_FILE, renderCauseTable, renderClauseTable, renderResourceTable, renderStateTable, RESOURCES_END, RESOURCES_START, STATES_END, STATES_START, tableInContract } from './contract-table.ts';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const suiteFiles = readdirSync(new URL('../suites/', import.meta.url)).filter((name) => name.endsWith('.test.ts'));
// Clause ids reach test names from suite files, and from the two harness tables that name clauses.
const testSources = [...suiteFiles.map((name) => read(`suites/${name}`)), read('harness/observations.ts'), read('harness/auth-variants.ts')].join('\n');
const idsInTests = new Set(testSources.match(new RegExp(CLAUSE_ID_PATTERN.source.slice(1), 'g')));
const registryIds = new Set(CLAUSES.map((clause) => clause.id));

describe('the clause registry', () => {
  test('ids are unique and follow ERR-<AREA>-<SLUG>', () => {
    expect(registryIds.size).toBe(CLAUSES.length);
    for (const clause of CLAUSES) expect(clause.id).toMatch(/^ERR-[A-Z0-9]+(-[A-Z0-9]+)+$/);
  });

  test('every clause has a known family, a level, a rule, a source and a fix', () => {
    for (const clause of CLAUSES) {
      expect(FAMILIES, clause.id).toContain(clause.family);
      expect(['MUST', 'SHOULD', 'MAY'], clause.id).toContain(clause.level);
      for (const field of ['title', 'rule', 'source', 'fix'] as const) expect(clause[field], `${clause.id}.${field}`).not.toBe('');
    }
  });

  test('every family has at least one clause', () => {
    for (const family of FAMILIES) expect(CLAUSES.some((clause) => clause.family === family), family).toBe(true);
  });
});

describe('registry and suites', () => {
  test('every clause has a test', () => {
    expect(CLAUSES.map((clause) => clause.id).filter((id) => !idsInTests.has(id))).toEqual([]);
  });

  test('no test names an unknown clause', () => {
    expect([...idsInTests].filter((id) => !registryIds.has(id))).toEqual([]);
  });
});

describe('registry and CONTRACT.md', () => {
  test('the clause table is the registry rendered (run npm run contract:table after editing the registry)', () => {
    expect(tableInContract(readFileSync(CONTRACT_FILE, 'utf8'))).toBe(renderClauseTable());
  });

  test('the resource table is the fixtures rendered (run npm run contract:table after editing a fixture or its hints)', () => {
    expect(tableInContract(readFileSync(CONTRACT_FILE, 'utf8'), RESOURCES_START, RESOURCES_END)).toBe(renderResourceTable());
  });

  test('the cause table is the cause registry rendered (run npm run contract:table after editing causes.json)', () => {
    expect(tableInContract(readFileSync(CONTRACT_FILE, 'utf8'), CAUSES_START, CAUSES_END)).toBe(renderCauseTable());
  });

  test('the state table is the state rules of the hints rendered, one row per action that declares a 409 (run npm run contract:table after editing a rule)', () => {
    expect(tableInContract(readFileSync(CONTRACT_FILE, 'utf8'), STATES_START, STATES_END)).toBe(renderStateTable());
  });

  test('CONTRACT.md mentions no clause id the registry lacks', () => {
    const mentioned = new Set(readFileSync(CONTRACT_FILE, 'utf8').match(/ERR-[A-Z0-9]+(?:-[A-Z0-9]+)+/g));
    expect([...mentioned].filter((id) => !registryIds.has(id) && !/^ERR-(?:HDR|ENV|SEC)$|-\*$/.test(id))).toEqual([]);
  });
});

describe('resources are data', () => {
  // Adding a resource is adding a fixture: no suite, check, harness, reporter or server file may name one.
  const names = loadResources().map((resource) => resource.name);
  const codeDirs = ['suites', 'harness', 'harness/checks', 'harness/arbitraries', 'harness/http', 'reporters', 'reporters/html', 'reference-server', 'reference-server/routes', 'runner', 'cli'];
  const files = codeDirs.flatMap((dir) => readdirSync(new URL(`../${dir}/`, import.meta.url)).filter((name) => name.endsWith('.ts')).map((name) => `${dir}/${name}`));

  test.for(files)('%s names no particular resource (in a string or a path)', (file) => {
    const source = read(file);
    const named = names.filter((name) => new RegExp(`['"\`/]${name}['"\`/?]`).test(source));
    expect(named).toEqual([]);
  });
});
