// The resources of a run: every committed fixture, or those of the user's OpenAPI description
// (--openapi), narrowed to the ones named (--resources) and to one shard's share (--shard i/n).
import { loadResources, referencesIn, withHints, type ResourceFixture } from '../fixtures/load.ts';
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

/**
 * The committed resources, or those of the user's description (judged) with the committed ones beside
 * them as possible parents: a single tag's file (quotes) names records of resources another file describes.
 */
function knownResources(settings: Pick<Settings, 'openapi'>): { known: ResourceFixture[]; described: string[] } {
  const committed = loadResources();
  if (!settings.openapi) return { known: committed, described: committed.map((resource) => resource.name) };
  let resources;
  try {
    resources = importDescription(settings.openapi).resources;
  } catch (error) {
    if (error instanceof DescriptionError) throw new ConfigError('MVMNT_OPENAPI', error.message);
    throw error;
  }
  if (resources.length === 0) throw new ConfigError('MVMNT_OPENAPI', `describes no operation under a resource path (${settings.openapi})`);
  const described = resources.map((resource) => withHints(resource));
  const names = new Set(described.map((resource) => resource.name));
  return {
    known: [...described, ...committed.filter((resource) => !names.has(resource.name))].sort((a, b) => a.name.localeCompare(b.name)),
    described: [...names].sort(),
  };
}

export function resolveCatalog(settings: Pick<Settings, 'openapi' | 'resources' | 'shard'>): Catalog {
  const { known, described: names } = knownResources(settings);
  const unknown = (settings.resources ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new ConfigError('MVMNT_RESOURCES', `names no known resource: ${unknown.join(', ')} (known: ${names.join(', ')})`);
  const selected = settings.resources ? names.filter((name) => settings.resources!.includes(name)) : names;
  if (!settings.shard) return { known, judged: selected, served: withParents(known, selected) };
  const { index, count } = settings.shard;
  const judged = selected.filter((_, position) => position % count === index - 1);
  if (judged.length === 0) throw new ConfigError('--shard', `${index}/${count} has no resource to judge: there are ${selected.length} (${selected.join(', ')})`);
  return { known, judged, served: withParents(known, judged), ...(index < count ? { burstElsewhere: `the rate-limit burst runs in shard ${count}/${count} only: the shards share one rate limit` } : {}) };
}

/** The resources whose records a resource's bodies name (any operation's), or whose records its actions make. */
function reachedFrom(fixture: ResourceFixture): string[] {
  const named = fixture.operations.flatMap((operation) => (operation.body ? referencesIn(operation.body.schema) : [])).map((reference) => reference.resource.split('.')[0]);
  const made = Object.values(fixture.operationHints).flatMap((hints) => (hints.creates ? [hints.creates.resource] : []));
  return [...named, ...made];
}

/** The named resources and, transitively, those of `known` their bodies reference. */
export function withParents(known: readonly ResourceFixture[], names: readonly string[]): ResourceFixture[] {
  const wanted = new Set<string>();
  const visit = (name: string) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    const fixture = known.find((resource) => resource.name === name);
    for (const reached of fixture ? reachedFrom(fixture) : []) visit(reached);
  };
  names.forEach(visit);
  return known.filter((resource) => wanted.has(resource.name));
}
