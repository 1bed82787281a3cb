// Which clause applies where, decided once (harness/applicability.ts): the reasons on their own, and a
// run in which a resource's required reference cannot be had, where each of its clauses is one skip row
// saying so, the same reason `--list` prints, and nothing is "not selected".
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadResources } from '../fixtures/load.ts';
import { notApplicable } from '../harness/applicability.ts';
import { CLAUSES } from '../harness/registry.ts';
import { reportDir, ROOT, runCli } from './support/cli.ts';

const byName = new Map(loadResources().map((resource) => [resource.name, resource]));
const everything = { known: new Set(byName.keys()), unavailable: () => undefined };

describe('the reasons, from the fixture and the run', () => {
  test('a clause the fixture gives nothing to judge', () => {
    const contacts = byName.get('customer-contacts')!;
    const noKey = { ...contacts, keyField: null };
    expect(notApplicable('ERR-409-CREATE-DUPLICATE', noKey, everything)).toBe('customer-contacts has no client key');
    expect(notApplicable('ERR-409-CREATE-DUPLICATE', contacts, everything)).toBeUndefined();
    expect(notApplicable('ERR-2XX-GET-BY-KEY-PARAM', byName.get('vendors')!, everything)).toBe('vendors declares no lookup parameter');
    expect(notApplicable('ERR-422-DANGLING-REFERENCE', byName.get('companies')!, everything)).toBe('companies references no resource the run knows');
    expect(notApplicable('ERR-422-DANGLING-REFERENCE', contacts, everything)).toBeUndefined();
  });

  test('a resource whose required references cannot be had: every clause, with the reason of the run', () => {
    const why = 'customer-contacts.customerId needs a live customers record: none was named';
    const run = { known: everything.known, unavailable: () => why };
    for (const clause of CLAUSES) expect(notApplicable(clause.id, byName.get('customer-contacts')!, run), clause.id).toBeDefined();
    expect(notApplicable('ERR-2XX-GET', byName.get('customer-contacts')!, run)).toBe(why);
  });
});

test('a run whose resource needs a record of a resource it does not know: one skip row per clause, with the reason', async () => {
  // The depots description without its terminals: a driver's required terminalId names nothing the run can create.
  const description = parse(readFileSync(join(ROOT, 'self-test', 'openapi', 'depots.yml'), 'utf8'), { maxAliasCount: -1 }) as { paths: Record<string, unknown> };
  for (const path of Object.keys(description.paths)) if (path.startsWith('/terminals')) delete description.paths[path];
  const dir = reportDir('applicability');
  const file = join(dir, 'drivers.yml');
  writeFileSync(file, stringify(description, { aliasDuplicateObjects: false }));

  const result = await runCli(['--openapi', file, '--report-dir', dir], { MVMNT_PROPERTY_RUNS: '5' });
  expect(result.code, result.stdout.slice(-2000)).toBe(0);
  const model = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as { clauses: { id: string; status: string; note?: string; tests: { name: string; resource?: string; state: string; note?: string }[] }[] };
  const reason = 'drivers.terminalId needs a live terminals record: none was named in MVMNT_REF_TERMINALS, and the run knows no terminals resource to create one';
  const onDrivers = model.clauses.flatMap((clause) => clause.tests.filter((test) => test.resource === 'drivers').map((test) => ({ clause: clause.id, ...test })));
  for (const clause of model.clauses) expect(clause.note ?? '', clause.id).not.toMatch(/not selected/);
  // One skip row per clause, with a reason; what the fixture lacks (a lookup parameter, say) is said before the reference.
  expect(new Set(onDrivers.map((test) => test.clause)).size).toBe(onDrivers.length);
  for (const test of onDrivers) expect(test, test.clause).toMatchObject({ state: 'skipped', note: expect.stringMatching(/^drivers\b/) });
  expect(onDrivers.filter((test) => test.note === reason).length).toBeGreaterThan(40);

  const listed = await runCli(['--openapi', file, '--list']);
  expect(listed.stdout).toContain(reason.replace(/^drivers\b/, 'the resource'));
}, 120_000);
