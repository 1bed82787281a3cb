// The schema toolkit: every question the suite asks of a JSON Schema (a resource fixture's, or an
// OpenAPI description's while importing it) is answered here, once. Follow references; list the JSON
// types a schema allows; build a valid value (deterministic, or generated); build an invalid value per
// constraint kind; name a field's path; find the fields fit for a purpose; read tagged unions.
export type { JsonSchema } from '../fixtures/load.ts';
export { allowedTypes, isNullable, isTyped, jsonTypeOf, mainType } from './types.ts';
export { follow, resolvePointer, type Followed } from './refs.ts';
export { canonicalField, fieldPath, readablePath } from './paths.ts';
export { validSample } from './sample.ts';
export { validValue, validObject, validEmail, validUuid, validDate, validDateTime, nameText, plainText, numberIn, lowerBound, upperBound, type KeySource } from './valid.ts';
export { invalidValues, wrongTypeValues, outsideEnum, outsideEnumExample, LENIENT_KINDS, OMIT, type ConstraintKind, type InvalidValue, type Value } from './invalid.ts';
export { holders, isRequiredSwitch, unionOf, variantSchema, type TaggedUnion } from './unions.ts';
export { fieldWithFormat, nameField, needsReference, plainTextFields, stringFields } from './fields.ts';
