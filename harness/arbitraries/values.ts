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
  const folded = new Set(members.filter((m): m is string => typeof m === 'string').map((m) => m.toUpperCase()));
  return fc.oneof(fc.constantFrom('JPY', 'AUD', 'XXX', 'BTC', 'US'), fc.stringMatching(/^[A-Z]{1,6}$/)).filter((code) => !folded.has(code));
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
