// Payloads with known invalid fields, as plain data (so a shrunk counterexample prints readably),
// and the expectation each one carries: 422 naming the fields, or also 400 where that is accepted.
import fc from 'fast-check';
import { validationErrorNaming, validationErrorOrBadRequest } from '../checks/details.ts';
import type { Check } from '../checks/types.ts';
import type { Reference } from '../resource.ts';
import { applyBreaker, type Breaker } from './payloads.ts';

export interface BrokenPayload {
  /** The fields a 422 must name. */
  fields: string[];
  /** A 400 BAD_REQUEST is accepted instead (a missing field, a wrong type, a forbidden null). */
  lenient: boolean;
  payload: Record<string, unknown>;
}

export function expectationFor(broken: Pick<BrokenPayload, 'fields' | 'lenient'>): Check {
  return broken.lenient ? validationErrorOrBadRequest(broken.fields) : validationErrorNaming(broken.fields);
}

/** The breaker's fixed example applied to a fixed base: one deterministic row per breaker. */
export function exampleOf(breaker: Breaker, base: Record<string, unknown>): BrokenPayload {
  return { fields: [breaker.field], lenient: breaker.lenient, payload: applyBreaker(base, breaker, breaker.example) };
}

/** A generated valid base (of the breaker's variant) with one generated invalid value. */
export function oneBroken(baseFor: (breaker: Breaker) => fc.Arbitrary<Record<string, unknown>>, breakers: Breaker[]): fc.Arbitrary<BrokenPayload> {
  return fc
    .constantFrom(...breakers)
    .chain((breaker) => fc.tuple(baseFor(breaker), breaker.value).map(([object, value]) => ({ fields: [breaker.field], lenient: breaker.lenient, payload: applyBreaker(object, breaker, value) })));
}

/**
 * Several breakers at once, on distinct top-level fields every variant has, never a union's tag (so no
 * break hides another and the payload's variant does not matter). Where one of them may be answered 400
 * (a missing field, a wrong type), so may the whole payload; a 422 must still name every field.
 */
export function severalBroken(base: fc.Arbitrary<Record<string, unknown>>, found: Breaker[]): fc.Arbitrary<BrokenPayload> {
  const byTop = groupByTop(combinable(found));
  const pick = (group: Breaker[]) => fc.constantFrom(...group).chain((breaker) => breaker.value.map((value) => ({ breaker, value })));
  const choice = fc.subarray(byTop, { minLength: 2 }).chain((groups) => fc.tuple(...groups.map(pick)));
  return fc.tuple(base, choice).map(([object, picks]) => ({
    fields: picks.map(({ breaker }) => breaker.field),
    lenient: picks.some(({ breaker }) => breaker.lenient),
    payload: picks.reduce((payload, { breaker, value }) => applyBreaker(payload, breaker, value), object),
  }));
}

/** One breaker's example per top-level field every variant has (one answered only by 422 where the field has one): the deterministic multi-field row. */
export function allExamples(found: Breaker[], base: Record<string, unknown>): BrokenPayload {
  const firstPerTop = groupByTop(combinable(found)).map((group) => group.find((breaker) => !breaker.lenient) ?? group[0]);
  return {
    fields: firstPerTop.map((breaker) => breaker.field),
    lenient: firstPerTop.some((breaker) => breaker.lenient),
    payload: firstPerTop.reduce((payload, breaker) => applyBreaker(payload, breaker, breaker.example), base),
  };
}

/** Whether a body has at least two top-level fields that can be broken (so several can be broken at once). */
export function canBreakSeveral(found: Breaker[]): boolean {
  return groupByTop(combinable(found)).length >= 2;
}

/** Breakers that can share a payload: on fields every variant has, and not a union's tag (which hides the rest). */
function combinable(breakers: Breaker[]): Breaker[] {
  return breakers.filter((breaker) => breaker.variant === undefined && !breaker.alone);
}

/** Breakers grouped by the top-level field they replace, in first-seen order (Map.groupBy needs Node 21). */
function groupByTop(breakers: Breaker[]): Breaker[][] {
  const groups = new Map<string, Breaker[]>();
  for (const breaker of breakers) groups.set(breaker.top, [...(groups.get(breaker.top) ?? []), breaker]);
  return [...groups.values()];
}

/** The body with a reference's value replaced (through an array, on its first item). */
export function withReference(body: Record<string, unknown>, reference: Pick<Reference, 'path'>, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let node: Record<string, unknown> = copy;
  const segments = reference.path.split('.');
  for (const [index, segment] of segments.entries()) {
    const items = segment.endsWith('[]');
    const name = items ? segment.slice(0, -2) : segment;
    const last = index === segments.length - 1;
    if (items) {
      const list = Array.isArray(node[name]) ? (node[name] as unknown[]) : (node[name] = []);
      if (last) list[0] = value;
      else node = (list[0] ??= {}) as Record<string, unknown>;
    } else if (last) {
      node[name] = value;
    } else {
      node = (node[name] ??= {}) as Record<string, unknown>;
    }
  }
  return copy;
}
