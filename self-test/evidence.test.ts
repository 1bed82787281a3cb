// What a report keeps of a response never shows a credential, however long the body and wherever the cut falls.
import { describe, expect, test } from 'vitest';
import { buildEvidence, sampleOf } from '../harness/evidence.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchange } from './support/exchanges.ts';
import { SAMPLE_BODY_CHARS } from '../model/excerpt.ts';

const SECRET = 'sk_live_0123456789abcdefghijklmnopqrstuvwxyz';
const clause = { id: 'ERR-SEC-NO-SECRET-ECHO', title: 'no secret echo', fix: 'do not echo credentials' };
const reportDir = mkdtempSync(join(tmpdir(), 'evidence-'));

/** A body of `length` characters with the secret starting at `at`. */
function bodyWithSecretAt(at: number, length = 5000): string {
  return `${'a'.repeat(at)}${SECRET}${'b'.repeat(length - at - SECRET.length)}`;
}

describe('excerpts of long bodies', () => {
  test.for([
    ['at the start', 0],
    ['straddling the shown cut', SAMPLE_BODY_CHARS - 10],
    ['straddling the end of the slice searched', SAMPLE_BODY_CHARS + SECRET.length - 5],
    ['well past the cut', 3000],
  ] as const)('a credential %s is never shown, not even in part', ([, at]) => {
    const sample = sampleOf(exchange({ status: 401, bodyText: bodyWithSecretAt(at) }), [SECRET]);
    const evidence = buildEvidence(clause, [], exchange({ status: 401, bodyText: bodyWithSecretAt(at) }), reportDir, [SECRET]);
    for (const excerpt of [sample.bodyExcerpt, evidence.response?.bodyExcerpt ?? '']) {
      expect(excerpt).toMatch(/more characters\)$/);
      expect(excerpt).not.toContain(SECRET.slice(0, 8));
      expect(excerpt).not.toContain(SECRET.slice(-8));
    }
  });

  test('many credentials early in the body shorten the slice, and what is shown is still hidden whole', () => {
    const early = `${SECRET} `.repeat(40);
    const body = `${early}${'c'.repeat(SAMPLE_BODY_CHARS - 20)}${SECRET}${'d'.repeat(2000)}`;
    const sample = sampleOf(exchange({ status: 401, bodyText: body }), [SECRET]);
    expect(sample.bodyExcerpt).not.toContain(SECRET.slice(0, 8));
    expect(sample.bodyExcerpt).toContain('[redacted credential]');
  });

  test('a short body is shown whole, hidden', () => {
    const sample = sampleOf(exchange({ status: 401, bodyText: `{"token":"${SECRET}"}` }), [SECRET]);
    expect(sample.bodyExcerpt).toBe('{"token":"[redacted credential]"}');
  });
});
