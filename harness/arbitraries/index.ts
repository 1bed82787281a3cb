// Payload generators for suites: a resource's valid payloads and single-field breakers, from its fixture.
export { allExamples, canBreakSeveral, exampleOf, expectationFor, oneBroken, severalBroken, withReference } from './broken.ts';
export { payloadsFor, validRequest } from './resource.ts';
export { validUuid } from '../../schema/index.ts';
