// Which clause applies where, decided once (harness/applicability.ts): the reasons on their own, and a
// run in which a resource's required reference cannot be had, where each of its clauses is one skip row
// saying so, the same reason `--list` prints, and nothing is "not selected".
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadResources } from '../fixtures/load.ts';
import { inScope, notApplicable } from '../harness/applicability.ts';
import { undeletable } from '../harness/references.ts';
import { resourceRequests } from '../harness/resource.ts';
import { CLAUSES } from '../harness/registry.ts';
import { reportDir, ROOT, runCli } from './support/cli.ts';

const byName = new Map(loadResources().map((resource) => [resource.name, resource]));
const everything = { known: new Set(byName.keys()), unavailable: () => undefined, missing: () => undefined };
const operation = (resource: string, label: string) => resourceRequests(byName.get(resource)!).operations.find((candidate) => candidate.label === label)!;

describe('the reasons, from the fixture and the run', () => {
  test('a clause the fixture gives nothing to judge', () => {
    const contacts = byName.get('customer-contacts')!;
    const noKey = { ...contacts, keyField: null };
    const create = operation('customer-contacts', 'POST /customer-contacts');
    expect(notApplicable('ERR-409-CREATE-DUPLICATE', create, noKey, everything)).toBe('customer-contacts has no client key');
    expect(notApplicable('ERR-409-CREATE-DUPLICATE', create, contacts, everything)).toBeUndefined();
    expect(notApplicable('ERR-2XX-GET-BY-KEY-PARAM', operation('vendors', 'GET /vendors/{id}'), byName.get('vendors')!, everything)).toBe('vendors declares no lookup parameter');
    expect(notApplicable('ERR-422-DANGLING-REFERENCE', operation('companies', 'POST /companies'), byName.get('companies')!, everything)).toBe('POST /companies\'s body names no record of a resource the run knows');
    expect(notApplicable('ERR-422-DANGLING-REFERENCE', create, contacts, everything)).toBeUndefined();
  });

  test('an operation judged only where its role and body fit: actions with a state they need, nested records without a maker', () => {
    const cancel = operation('shipments', 'POST /shipments/{id}/cancel');
    const shipments = byName.get('shipments')!;
    expect(inScope('ERR-2XX-ACTION', cancel, shipments)).toBe(true);
    expect(inScope('ERR-2XX-CREATE', cancel, shipments)).toBe(false);
    expect(notApplicable('ERR-2XX-ACTION', cancel, shipments, everything)).toMatch(/declares a 409/);
    expect(notApplicable('ERR-2XX-ACTION', operation('shipments', 'POST /shipments/{id}/duplicate'), shipments, everything)).toBeUndefined();
    const loads = byName.get('loads')!;
    const withoutMaker = { ...loads, operationHints: {} };
    expect(notApplicable('ERR-2XX-QUERY', operation('loads', 'GET /loads/{loadId}/carriers/{carrierId}'), withoutMaker, everything)).toMatch(/no operation of loads is known to make one/);
    expect(notApplicable('ERR-404-RANDOM-ID', operation('loads', 'GET /loads/{loadId}/carriers/{carrierId}'), withoutMaker, everything)).toBeUndefined();
  });

  test('a target that is not disposable: no records of a resource without DELETE, and nothing to hold back where no record is made', () => {
    expect(undeletable(byName.get('credit-memos')!, false)).toMatch(/^credit-memos has no DELETE/);
    expect(undeletable(byName.get('credit-memos')!, true)).toBeUndefined();
    expect(undeletable(byName.get('customers')!, false)).toBeUndefined();
    expect(undeletable(byName.get('global-search')!, false)).toBeUndefined();
  });

  test('a resource whose records cannot be made: every clause, with the reason of the run', () => {
    const why = 'customer-contacts.customerId needs a live customers record: none was named';
    const run = { ...everything, unavailable: () => why };
    const contacts = byName.get('customer-contacts')!;
    for (const candidate of resourceRequests(contacts).operations) {
      for (const clause of CLAUSES.filter((c) => inScope(c.id, candidate, contacts))) expect(notApplicable(clause.id, candidate, contacts, run), `${clause.id} on ${candidate.label}`).toBeDefined();
    }
    expect(notApplicable('ERR-2XX-GET', operation('customer-contacts', 'GET /customer-contacts/{id}'), contacts, run)).toBe(why);
  });
});

test('a run whose resource needs a record of a resource it does not know: one skip row per clause and operation, with the reason', async () => {
  // The depots description without its terminals: a driver's required terminalId names nothing the run can create.
  const description = parse(readFileSync(join(ROOT, 'self-test', 'openapi', 'depots.yml'), 'utf8'), { maxAliasCount: -1 }) as { paths: Record<string, unknown> };
  for (const path of Object.keys(description.paths)) if (path.startsWith('/terminals')) delete description.paths[path];
  const dir = reportDir('applicability');
  const file = join(dir, 'drivers.yml');
  writeFileSync(file, stringify(description, { aliasDuplicateObjects: false }));

  const result = await runCli(['--openapi', file, '--report-dir', dir], { MVMNT_PROPERTY_RUNS: '5' });
  expect(result.code, result.stdout.slice(-2000)).toBe(0);
  const model = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as { clauses: { id: string; status: string; note?: string; tests: { name: string; resource?: string; operation?: string; state: string; note?: string }[] }[] };
  const reason = 'drivers.terminalId needs a live terminals record: none was named in MVMNT_REF_TERMINALS, and the run knows no terminals resource to create one';
  const onDrivers = model.clauses.flatMap((clause) => clause.tests.filter((test) => test.resource === 'drivers').map((test) => ({ clause: clause.id, ...test })));
  for (const clause of model.clauses) expect(clause.note ?? '', clause.id).not.toMatch(/not selected/);
  // One skip row per clause and operation (or per clause, for one judged per resource), with a reason;
  // what the fixture lacks (a lookup parameter, say) is said before the reference.
  expect(new Set(onDrivers.map((test) => `${test.clause} ${test.operation}`)).size).toBe(onDrivers.length);
  expect(onDrivers.filter((test) => test.operation === 'POST /drivers').map((test) => test.clause)).toContain('ERR-401-MISSING-TOKEN');
  for (const test of onDrivers) expect(test, test.clause).toMatchObject({ state: 'skipped', note: expect.stringMatching(/^(drivers\b|POST \/drivers's body)/) });
  expect(onDrivers.filter((test) => test.note === reason).length).toBeGreaterThan(40);

  const listed = await runCli(['--openapi', file, '--list']);
  expect(listed.stdout).toContain(reason);
}, 120_000);
