// Payload generators for suites: a resource's valid payloads and single-field breakers, from its fixture.
export { OMIT, breakers, patchBreakers, validObject, validValue, type Breaker, type GeneratorContext } from './payloads.ts';
export { allExamples, canBreakSeveral, exampleOf, expectationFor, oneBroken, severalBroken, type BrokenPayload } from './broken.ts';
export { generatorContext, payloadsFor, type ResourcePayloads } from './resource.ts';
export { validUuid, invalidUuid, validEmail, invalidEmail } from './values.ts';
