// The records a body's references get: a required reference always (or the reason it cannot), an
// optional one only to a resource the run judges (or a record the user named), and left out when its
// record cannot be made on the target, so a mock that serves one resource is judged on that resource.
import { describe, expect, test } from 'vitest';
import { loadResources } from '../fixtures/load.ts';
import { References, type ReferenceDeps } from '../harness/references.ts';
import { SETUP_ERROR } from '../model/evidence.ts';
import { resourceRequests } from '../harness/resource.ts';

const known = new Map(loadResources().map((fixture) => [fixture.name, resourceRequests(fixture)]));
const fixture = (name: string) => known.get(name)!.fixture;
const refused = (resource: string) => Promise.reject(new Error(`could not create a ${resource} record (got 404 Not Found)`));

function references(judged: string[], create: ReferenceDeps['create'], given: Record<string, string> = {}) {
  return new References({ known, given, judged: new Set(judged), create, read: (resource, id) => Promise.resolve({ id, key: 'theirs', body: {} }), disposable: true });
}
const made = (resource: { fixture: { name: string } }) => Promise.resolve({ id: `${resource.fixture.name}-1`, key: 'conformance-x', body: {} });

describe('optional references', () => {
  test('get a record only of a resource the run judges, or of one the user named', () => {
    const vendors = fixture('vendors').references;
    const paymentTerm = (list: { path: string }[]) => list.some((reference) => reference.path === 'paymentTermId');
    expect(paymentTerm(references(['vendors'], made).fillable('vendors', vendors))).toBe(false);
    expect(paymentTerm(references(['vendors', 'payment-terms'], made).fillable('vendors', vendors))).toBe(true);
    expect(paymentTerm(references(['vendors'], made, { 'payment-terms': 'their-term' }).fillable('vendors', vendors))).toBe(true);
  });

  test('are left out of the body when their record cannot be made on the target', async () => {
    const run = references(['vendors', 'payment-terms'], (resource) => refused(resource.fixture.name));
    await run.prepare('vendors', fixture('vendors').references);
    expect(run.fill('vendors', fixture('vendors').references, { name: 'A vendor' })).toEqual({ name: 'A vendor' });
  });

  test('are filled when their record could be made', async () => {
    const run = references(['vendors', 'payment-terms'], made);
    await run.prepare('vendors', fixture('vendors').references);
    expect(run.fill('vendors', fixture('vendors').references, { name: 'A vendor' })).toMatchObject({ paymentTermId: 'payment-terms-1' });
  });
});

describe('required references', () => {
  test('get a record even of a resource the run does not judge', async () => {
    const run = references(['customer-contacts'], made);
    await run.prepare('customer-contacts', fixture('customer-contacts').references);
    expect(run.fill('customer-contacts', fixture('customer-contacts').references, {})).toEqual({ customerId: 'customers-1' });
  });

  test('fail the setup naming the variable that names one, when their resource is not judged and the target will not make it', async () => {
    const setupError = Object.assign(new Error('setup: could not create a Customer to test against (got 404 Not Found, application/json); the clause cannot be judged until this works.'), { name: SETUP_ERROR });
    const run = references(['customer-contacts'], () => Promise.reject(setupError));
    await expect(run.prepare('customer-contacts', fixture('customer-contacts').references)).rejects.toThrow('customers is not among the resources this run judges, so name a live one with MVMNT_REF_CUSTOMERS=<id>');
  });

  test('fail the setup with what the target answered when their record cannot be made', async () => {
    const run = references(['customer-contacts'], (resource) => refused(resource.fixture.name));
    await expect(run.prepare('customer-contacts', fixture('customer-contacts').references)).rejects.toThrow('could not create a customers record (got 404 Not Found)');
  });
});
