// The OpenAPI importer on a small description of the project's own, shaped like MVMNT's (self-test/
// openapi/depots.yml): what it translates, what it reports by path, and a run that judges the imported
// resources against a reference server that serves them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { withHints } from '../fixtures/load.ts';
import { importDescription } from '../importer/index.ts';
import { convertSchema } from '../importer/schema.ts';
import { reportDir, ROOT, runCli } from './support/cli.ts';

const DESCRIPTION = join(ROOT, 'self-test', 'openapi', 'depots.yml');
const { resources, report } = importDescription(DESCRIPTION);
const byName = Object.fromEntries(resources.map((resource) => [resource.name, withHints(resource)]));
const terminals = byName.terminals!;
const drivers = byName.drivers!;
const reasonsAt = (fragment: string) => report.filter((entry) => entry.path.includes(fragment)).map((entry) => entry.reason);

describe('what an import translates', () => {
  test('every resource with its CRUD routes, lookup parameter, list shape, key and filter bounds', () => {
    expect(resources.map((resource) => resource.name).sort()).toEqual(['audits', 'drivers', 'terminals']);
    expect(terminals).toMatchObject({
      title: 'Terminal',
      keyField: 'key',
      lookup: { parameter: 'by', byId: 'id', byKey: 'key' },
      list: { page: 'pagination' },
      routes: { create: { method: 'POST', path: '/terminals' }, get: { method: 'GET', path: '/terminals/{id}' }, filter: { method: 'POST', path: '/terminals/filter' } },
    });
    expect(drivers).toMatchObject({ list: { page: 'pageInfo' }, routes: { delete: { method: 'DELETE', path: '/drivers/{driverId}' } } });
    expect(drivers.lookup).toBeUndefined();
    expect(terminals.schemas.filter!.properties!.pageSize).toEqual({ type: 'integer', minimum: 1, maximum: 250 });
    expect(drivers.schemas.filter!.properties!.pageSize).toEqual({ type: 'integer', minimum: 1, maximum: 100 });
    expect(Object.keys(drivers.schemas.filter!.properties!.filter.properties!)).toEqual(['id', 'key']);
  });

  test('every operation, with the role its method and path give it, its body, query, success status, declared statuses and the words of its 409', () => {
    const role = (path: string, method = 'POST') => terminals.operations.find((operation) => operation.path === path && operation.method === method);
    expect(terminals.operations.map((operation) => `${operation.method} ${operation.path} ${operation.role}`)).toEqual([
      'POST /terminals/filter filter',
      'POST /terminals create',
      'GET /terminals/{id} read',
      'PATCH /terminals/{id} update',
      'DELETE /terminals/{id} delete',
      'POST /terminals/{id}/close action',
      'GET /terminals/{id}/docks sub-read',
      'GET /terminals/{terminalId}/docks/{dockId} read',
      'POST /terminals/search search',
      'POST /terminals/batch-close collection-action',
      'GET /terminals/report report',
    ]);
    expect(role('/terminals/{id}/close')).toMatchObject({ body: { required: false }, success: 200, declared: [200, 409] });
    expect(role('/terminals/{id}/docks', 'GET')).toMatchObject({ query: { pageSize: { required: false, schema: { type: 'integer', minimum: 1, maximum: 50 } } } });
    expect(role('/terminals/search')!.body!.schema.properties!.value).toEqual({ type: ['string', 'number'] });
    expect(role('/terminals/batch-close')!.body!.schema.properties!.terminalIds.items).toMatchObject({ 'x-references': 'terminals' });
    expect(byName.audits).toMatchObject({ routes: { create: { path: '/audits' }, get: { path: '/audits/{id}' } } });
    expect(byName.audits!.routes.delete).toBeUndefined();
  });

  test('$refs inlined, enums and arrays of enums, nested objects, formats and ranges, readOnly left out of inputs', () => {
    const create = terminals.schemas.create!;
    expect(create.required).toEqual(['name', 'kind']);
    expect(create.properties!.kind).toEqual({ type: 'string', enum: ['DRY', 'COLD', 'HAZMAT'] });
    expect(create.properties!.services).toEqual({ type: 'array', items: { type: 'string', enum: ['FUEL', 'SCALE', 'WASH'] } });
    expect(create.properties!.address).toMatchObject({ type: 'object', required: ['line1', 'city', 'country'], properties: { line1: { type: 'string', examples: ['1 Harbor Way'] } } });
    expect(create.properties!.docks).toEqual({ type: 'integer', minimum: 1, maximum: 400, examples: [12] });
    expect(create.properties!.contactEmail).toEqual({ type: 'string', format: 'email' });
    expect(create.properties!.createdAt).toBeUndefined();
  });

  test('[type, "null"] and nullable anyOf fold into the type', () => {
    const patch = terminals.schemas.patch!;
    expect(patch.properties!.key).toEqual({ type: ['string', 'null'], maxLength: 512, 'x-client-key': true });
    expect(patch.properties!.contactEmail).toEqual({ type: ['string', 'null'], format: 'email' });
    expect(patch.properties!.address).toMatchObject({ type: ['object', 'null'], required: ['line1', 'city', 'country'] });
  });

  test('a returned record is checked for its id, key, deletedAt and the scalars a create requires, each with its whole type', () => {
    expect(terminals.record).toEqual({
      type: 'object',
      required: ['id', 'name', 'kind'],
      properties: { id: { type: 'string', format: 'uuid' }, name: { type: ['null', 'string'] }, kind: { type: 'string' }, key: { type: ['string', 'null'] }, deletedAt: { type: ['string', 'null'] } },
    });
  });

  test('a client key under another name than key is refused when the fixture loads, not half-served', () => {
    expect(() => withHints({ ...terminals, keyField: 'code' as 'key' })).toThrow(/terminals: keyField must be "key" or null/);
  });

  test("OpenAPI 3.0's nullable lets null through the type and through an enum", () => {
    const convert = (schema: Record<string, unknown>) => convertSchema(schema, { document: {}, report: [], direction: 'request' }, '#');
    expect(convert({ type: 'string', nullable: true, enum: ['DRY', 'COLD'] })).toEqual({ type: ['string', 'null'], enum: ['DRY', 'COLD', null] });
    expect(convert({ type: 'integer', nullable: true, minimum: 1 })).toEqual({ type: ['integer', 'null'], minimum: 1 });
  });

  test('ids and {id} | {key} objects that name other resources are marked as references', () => {
    expect(terminals.schemas.create!.properties!.operator).toMatchObject({ 'x-references': 'operators', oneOf: [{ required: ['id'] }, { required: ['key'] }] });
    expect(terminals.schemas.create!.properties!.managerId['x-references']).toBe('managers');
    expect(drivers.references).toEqual([{ path: 'terminalId', field: 'terminalId', resource: 'terminals', required: true, shape: 'id' }]);
  });

  test('a discriminated oneOf of allOf variants becomes a union of flat variants, each with its own tag', () => {
    const create = drivers.schemas.create!;
    expect(create.discriminator).toEqual({ propertyName: 'type' });
    expect(create.oneOf!.map((variant) => variant.properties!.type)).toEqual([{ type: 'string', enum: ['LOCAL'] }, { type: 'string', enum: ['LONG_HAUL'] }]);
    expect(create.oneOf![1].required).toEqual(['name', 'terminalId', 'type']);
    expect(Object.keys(create.oneOf![1].properties!)).toEqual(['name', 'key', 'terminalId', 'licenseNumber', 'type', 'hazmatCertified', 'certifiedUntil']);
    expect(create.oneOf![1].properties!.certifiedUntil).toEqual({ type: 'string', format: 'date-time' });
  });

  test('the derived valid sample is valid, and leaves out references and the key', () => {
    const ajv = new Ajv2020({ strict: false, discriminator: true });
    addFormats.default(ajv);
    for (const resource of Object.values(byName).filter((candidate) => candidate.schemas.create)) {
      const validate = ajv.compile(resource.schemas.create!);
      const sample = { ...resource.validSample, ...(resource.name === 'drivers' ? { terminalId: '3f1c2a9e-0000-4000-8000-000000000000' } : {}) };
      expect(validate(sample), `${resource.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(Object.keys(resource.validSample)).not.toContain('key');
    }
    expect(drivers.validSample.terminalId).toBeUndefined();
  });
});

describe('what an import cannot translate, reported by path', () => {
  test('a pattern, a recursion, a union without a required tag, unused filter fields', () => {
    expect(reasonsAt('TerminalInput/properties/code/pattern')).toEqual([expect.stringMatching(/pattern has no translation/)]);
    expect(reasonsAt('Meta/properties/children/items')).toEqual([expect.stringMatching(/^recursive schema/)]);
    expect(reasonsAt('DriverPatch/oneOf')).toEqual([expect.stringMatching(/does not require it: its variants are merged/)]);
    expect(reasonsAt('~1drivers~1filter/post/requestBody/filter')).toEqual([expect.stringMatching(/left out: name$/)]);
    expect(terminals.untranslated!.map((entry) => entry.path)).toContain('#/components/schemas/TerminalInput/properties/code/pattern');
  });
});

describe('a description in several files (MVMNT publishes one per tag)', () => {
  const folder = join(ROOT, 'self-test', 'openapi');
  const together = importDescription(folder);
  const inspections = withHints(together.resources.find((resource) => resource.name === 'inspections')!);

  test('a folder is read as one description: every file\'s resources, reports by file', () => {
    expect(together.resources.map((resource) => resource.name).sort()).toEqual(['audits', 'drivers', 'inspections', 'terminals']);
    expect(together.report.some((entry) => entry.path.startsWith('depots.yml#/components/schemas/TerminalInput'))).toBe(true);
    expect(importDescription([DESCRIPTION, join(folder, 'inspections.yml')]).resources.map((resource) => resource.name).sort()).toEqual(['audits', 'drivers', 'inspections', 'terminals']);
  });

  test('a body that wraps the record it makes: its references, at the top and inside, found across files', () => {
    expect(inspections.references).toEqual([
      { path: 'terminalId', field: 'terminalId', resource: 'terminals', required: true, shape: 'id' },
      { path: 'inspection.terminal', field: 'inspection', resource: 'terminals', required: true, shape: 'object' },
    ]);
  });
});

describe('openapi import and --openapi, as a user runs them', () => {
  test('the command writes one fixture per resource and prints what it could not translate', async () => {
    const out = reportDir('import');
    const result = await runCli(['openapi', 'import', DESCRIPTION, '--out', out, '--tags', 'Terminals']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`terminals: written to ${join(out, 'terminals.json')}`);
    expect(result.stdout).toMatch(/not translated \(\d+\):\n {2}#\/components\/schemas\/TerminalInput\/properties\/code\/pattern: /);
    expect(JSON.parse(readFileSync(join(out, 'terminals.json'), 'utf8'))).toMatchObject({ name: 'terminals', keyField: 'key' });
  });

  test('a file that is no description is one line and exit 2', async () => {
    const broken = join(reportDir('broken-description'), 'broken.yml');
    writeFileSync(broken, 'openapi: [unclosed\n');
    const result = await runCli(['openapi', 'import', broken]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const run = await runCli(['--openapi', broken, '--report-dir', reportDir('broken-run')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mvmnt-conformance: MVMNT_OPENAPI .*is neither YAML nor JSON/);
  });

  test('--openapi on a folder judges every operation of the described resources (a union, references across files, actions, searches, a batch) against a server that serves them', async () => {
    const dir = reportDir('openapi-run');
    const result = await runCli(['--openapi', join(ROOT, 'self-test', 'openapi'), '--report-dir', dir], { MVMNT_PROPERTY_RUNS: '10' });
    expect(result.code, result.stdout.slice(-3000)).toBe(0);
    expect(result.stdout).toContain('operations judged: 21/21 (100%)');
    type Model = { resources: string[]; clauses: { id: string; status: string; resources: Record<string, string>; tests: { operation?: string; state: string; note?: string }[] }[]; coverage: { operations: { total: number; judged: number; notJudged: { operation: string; reason: string }[] } } };
    const model = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as Model;
    expect(model.resources).toEqual(['audits', 'drivers', 'inspections', 'terminals']);
    const clause = (id: string) => model.clauses.find((candidate) => candidate.id === id)!;
    expect(clause('ERR-422-FIELD-NAMED').resources).toEqual({ audits: 'skipped', drivers: 'passed', inspections: 'passed', terminals: 'passed' });
    expect(clause('ERR-422-DANGLING-REFERENCE').resources).toMatchObject({ drivers: 'passed', inspections: 'passed', terminals: 'passed' });
    expect(clause('ERR-2XX-GET-BY-KEY-PARAM').resources).toMatchObject({ drivers: 'skipped', terminals: 'passed' });
    expect(clause('ERR-2XX-QUERY').resources).toEqual({ terminals: 'passed' });
    expect(clause('ERR-2XX-ACTION').resources).toEqual({ terminals: 'passed' });
    // A nested record no known operation makes: judged on a random parent, skipped where a live one is needed.
    expect(model.coverage.operations).toEqual({ total: 21, judged: 21, notJudged: [] });
    expect(clause('ERR-2XX-QUERY').tests.find((test) => test.operation === 'GET /terminals/{terminalId}/docks/{dockId}')).toMatchObject({ state: 'skipped', note: expect.stringMatching(/no operation of terminals is known to make one/) });
  }, 120_000);
});
