// Several catalog mutants at once: a target with independent defects, as real mock servers have. The
// parts of the mutants must not overlap (two replacements of one part would hide one defect).
import type { CatalogEntry } from './support.ts';

export function combineMutants(name: string, mutants: CatalogEntry[]): CatalogEntry {
  const parts: NonNullable<CatalogEntry['parts']> = {};
  for (const mutant of mutants) {
    for (const [part, replacement] of Object.entries(mutant.parts ?? {})) {
      if (part in parts) throw new Error(`${name}: ${mutant.name} and another mutant both replace ${part}`);
      (parts as Record<string, unknown>)[part] = replacement;
    }
  }
  const installs = mutants.flatMap((mutant) => (mutant.install ? [mutant.install.bind(mutant)] : []));
  return {
    name,
    family: mutants[0]!.family,
    breaks: [...new Set(mutants.flatMap((mutant) => mutant.breaks))],
    models: mutants.map((mutant) => mutant.models).join(' '),
    parts,
    ...(installs.length > 0 ? { install: (app, serverParts) => installs.forEach((install) => install(app, serverParts)) } : {}),
  };
}
