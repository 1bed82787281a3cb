// The resources of a run: every committed fixture, or those of the user's OpenAPI description
// (--openapi), narrowed to the ones named (--resources) and to one shard's share (--shard i/n).
import { loadResources, withHints, type ResourceFixture } from '../fixtures/load.ts';
import { DescriptionError, importDescription } from '../importer/index.ts';
import type { Settings } from './config.ts';
import { ConfigError } from './errors.ts';

export interface Catalog {
  /** Every resource the run knows: the judged ones, the parents their references may need, and the rest (a ledger may name any). */
  known: ResourceFixture[];
  /** The names of the resources this run (or shard) judges, in name order. */
  judged: string[];
  /** What the embedded server serves for this run: the judged resources and, transitively, those they reference. */
  served: ResourceFixture[];
  /** Why this shard does not run the burst (another one does), when it does not. */
  burstElsewhere?: string;
}

function knownResources(settings: Pick<Settings, 'openapi'>): ResourceFixture[] {
  if (!settings.openapi) return loadResources();
  let resources;
  try {
    resources = importDescription(settings.openapi).resources;
  } catch (error) {
    if (error instanceof DescriptionError) throw new ConfigError('MVMNT_OPENAPI', error.message);
    throw error;
  }
  if (resources.length === 0) throw new ConfigError('MVMNT_OPENAPI', `describes no resource with create, get, patch, delete and filter operations (${settings.openapi})`);
  return resources.map((resource) => withHints(resource)).sort((a, b) => a.name.localeCompare(b.name));
}

export function resolveCatalog(settings: Pick<Settings, 'openapi' | 'resources' | 'shard'>): Catalog {
  const known = knownResources(settings);
  const names = known.map((resource) => resource.name);
  const unknown = (settings.resources ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new ConfigError('MVMNT_RESOURCES', `names no known resource: ${unknown.join(', ')} (known: ${names.join(', ')})`);
  const selected = settings.resources ? names.filter((name) => settings.resources!.includes(name)) : names;
  if (!settings.shard) return { known, judged: selected, served: withParents(known, selected) };
  const { index, count } = settings.shard;
  const judged = selected.filter((_, position) => position % count === index - 1);
  if (judged.length === 0) throw new ConfigError('--shard', `${index}/${count} has no resource to judge: there are ${selected.length} (${selected.join(', ')})`);
  return { known, judged, served: withParents(known, judged), ...(index < count ? { burstElsewhere: `the rate-limit burst runs in shard ${count}/${count} only: the shards share one rate limit` } : {}) };
}

/** The named resources and, transitively, those of `known` their payloads reference. */
export function withParents(known: readonly ResourceFixture[], names: readonly string[]): ResourceFixture[] {
  const wanted = new Set<string>();
  const visit = (name: string) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const reference of known.find((resource) => resource.name === name)?.references ?? []) visit(reference.resource);
  };
  names.forEach(visit);
  return known.filter((resource) => wanted.has(resource.name));
}
