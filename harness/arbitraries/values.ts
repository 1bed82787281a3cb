// Value generators that no reasonable validator disagrees about: valid values every implementation
// accepts, invalid ones every implementation rejects (the suite must never cry wolf).
import fc from 'fast-check';

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);

/** Plain addresses (letters, digits, dots, hyphens) that any email validator accepts. */
export const validEmail = fc
  .tuple(label, fc.option(label, { nil: undefined }), label, fc.constantFrom('com', 'net', 'org', 'io', 'example'))
  .map(([local, more, domain, tld]) => `${local}${more ? `.${more}` : ''}@${domain}.${tld}`);

/** Shapes every email validator rejects: no @, nothing before or after it, two of them, a space. */
export const invalidEmail = fc.tuple(label, label).chain(([local, domain]) =>
  fc.constantFrom(
    `${local}`,
    `${local}.${domain}.com`,
    `${local}@`,
    `@${domain}.com`,
    `${local}@@${domain}.com`,
    `${local}@${domain}@${domain}.com`,
    `${local} x@${domain}.com`,
    `${local}@${domain} x.com`,
  ),
);
export const INVALID_EMAIL_EXAMPLE = 'not-an-email';

export const validUuid = fc.uuid({ version: 4 });

/** Strings no UUID parser accepts (no bare 32-hex or braced forms, which some parsers allow). */
export const invalidUuid = fc.uuid({ version: 4 }).chain((uuid) =>
  fc.constantFrom(
    uuid.slice(0, 35),
    `${uuid}0`,
    `${uuid.slice(0, 9)}zzzz${uuid.slice(13)}`,
    uuid.replace(/-/g, '_'),
    'not-a-uuid',
    '12345',
  ),
);
export const INVALID_UUID_EXAMPLE = 'not-a-uuid';

/** Codes outside an enum; case variants of members are excluded (some servers fold case). */
export function outsideEnum(members: unknown[]): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom('JPY', 'AUD', 'XXX', 'BTC', 'US', 'NOT_A_MEMBER'), fc.stringMatching(/^[A-Z]{1,6}$/)).filter((code) => !foldsInto(code, members));
}

/** A fixed value outside the enum, for table rows. */
export function outsideEnumExample(members: unknown[]): string {
  return ['NOT_A_MEMBER', 'XXX', 'JPY'].find((code) => !foldsInto(code, members))!;
}

function foldsInto(code: string, members: unknown[]): boolean {
  return members.some((member) => typeof member === 'string' && member.toUpperCase() === code.toUpperCase());
}

/** RFC 3339 date-times and full dates every parser reads, within 2020..2035. */
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
export const validDateTime = instant.map((date) => `${date.toISOString().slice(0, 19)}Z`);
export const validDate = instant.map((date) => date.toISOString().slice(0, 10));

/** Text no date parser reads as a date or a date-time (no bare numbers, which some read as epochs). */
export const invalidDate = fc.constantFrom('not-a-date', '2026-13-45', '31/12/2026', 'yesterday', '2026-02-30T25:61:00Z');
export const INVALID_DATE_EXAMPLE = 'not-a-date';

/** Numbers in range: whole numbers, or cents, as money and ratios are written. */
export function numberIn(min: number | undefined, max: number | undefined, integer: boolean): fc.Arbitrary<number> {
  const low = min ?? 0;
  const high = max ?? Math.max(low, 0) + 1000;
  return integer ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) }) : fc.integer({ min: Math.ceil(low * 100), max: Math.floor(high * 100) }).map((cents) => cents / 100);
}

/** Unicode names as people write them, plus generated text: never blank, no control characters. */
export const nameText = fc.oneof(
  fc.constantFrom('Müller Logistik GmbH', '山田運輸株式会社', 'Transportes Peña y Hijos', 'Łódź Cargo Sp. z o.o.', 'Ελληνικές Μεταφορές', 'شركة النقل السريع', 'Ünal Nakliyat 🚚'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
).filter((text) => text.trim().length > 0 && !/[\p{Cc}\p{Cs}\p{Co}\p{Cn}\u2028\u2029]/u.test(text));

export const plainText = fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim().length > 0);

/** Values of every JSON type except `type` (and except null, which servers read differently). */
export function wrongTypeValues(type: string): { arbitrary: fc.Arbitrary<unknown>; example: unknown } {
  switch (type) {
    case 'string':
      return { arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.array(fc.integer(), { maxLength: 2 })), example: 12345 };
    case 'boolean':
      return { arbitrary: fc.oneof(fc.constantFrom('true', 'false', 'yes'), fc.integer({ min: 0, max: 1 }), fc.constant({})), example: 'true' };
    case 'array':
      return { arbitrary: fc.oneof(plainText, fc.integer(), fc.constant({})), example: 'W9' };
    case 'object':
      return { arbitrary: fc.oneof(plainText, fc.integer(), fc.array(plainText, { maxLength: 2 }), fc.boolean()), example: '100 Main St' };
    case 'integer':
    case 'number':
      return { arbitrary: fc.oneof(fc.integer({ min: 1, max: 250 }).map(String), fc.boolean(), fc.constant({})), example: '10' };
    default:
      throw new Error(`no wrong-type values for JSON type ${type}`);
  }
}
