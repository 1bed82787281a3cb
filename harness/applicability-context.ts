// The run's side of applicability, without a run: which references can be had, from the resources
// the run knows and the records the user named (for `--list`, which sends nothing).
import type { ApplicabilityContext } from './applicability.ts';
import { References } from './references.ts';
import type { ResourceRequests } from './resource.ts';

export function applicabilityContextOf(known: ReadonlyMap<string, ResourceRequests>, given: Readonly<Record<string, string>>, disposable: boolean): ApplicabilityContext {
  const nothing = () => Promise.reject(new Error('--list makes no record'));
  // Only required references decide what applies: which optional ones a body carries does not matter here.
  const references = new References({ known, given, judged: new Set(known.keys()), create: nothing, read: nothing, disposable });
  return {
    known: new Set(known.keys()),
    unavailable: (fixture) => references.unavailable(fixture),
    missing: (owner, found) => references.missing(owner, found, []),
  };
}
