// Payload generators for suites: valid payloads and single-field breakers from a resource fixture.
export { OMIT, breakers, referenceValues, patchBreakers, validObject, validValue, type Breaker, type GeneratorContext } from './payloads.ts';
export { allExamples, exampleOf, expectationFor, generatorContext, oneBroken, severalBroken, type BrokenPayload } from './broken.ts';
export { validUuid, invalidUuid, validEmail, invalidEmail } from './values.ts';
