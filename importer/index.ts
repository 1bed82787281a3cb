// `mvmnt-conformance openapi import`: an OpenAPI description (YAML or JSON; one file, several, or a
// folder of them) to resource fixtures, and the same import at run time for `--openapi`.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { ResourceDefinition } from '../fixtures/load.ts';
import { importResources, type ImportOptions, type ImportResult } from './resources.ts';

export type { ImportOptions, ImportResult } from './resources.ts';
export type { Untranslated } from './schema.ts';

export class DescriptionError extends Error {
  override readonly name = 'DescriptionError';
}

function readDescription(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DescriptionError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    // YAML 1.2 reads JSON as well; large descriptions hold many aliases, so the limit is lifted.
    document = parse(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new DescriptionError(`${file} is neither YAML nor JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!document || typeof document !== 'object' || typeof (document as { openapi?: unknown }).openapi !== 'string') {
    throw new DescriptionError(`${file} is not an OpenAPI description (no "openapi" version field)`);
  }
  return document as Record<string, unknown>;
}

/** The description files a source names: itself, or every YAML and JSON file of a folder (in name order). */
function descriptionFiles(source: string): string[] {
  let folder: boolean;
  try {
    folder = statSync(source).isDirectory();
  } catch (error) {
    throw new DescriptionError(`cannot read ${source}: ${(error as Error).message}`);
  }
  if (!folder) return [source];
  const files = readdirSync(source).filter((name) => /\.(ya?ml|json)$/i.test(name)).sort().map((name) => join(source, name));
  if (files.length === 0) throw new DescriptionError(`${source} holds no YAML or JSON file`);
  return files;
}

/**
 * One description from one or more sources (files, or folders of files: MVMNT publishes one file per
 * tag). Each file's $refs resolve in that file; a resource whose operations span files is one resource.
 */
export function importDescription(sources: string | readonly string[], options: ImportOptions = {}): ImportResult {
  const files = [sources].flat().flatMap(descriptionFiles);
  const byName = new Map<string, ResourceDefinition>();
  const report: ImportResult['report'] = [];
  for (const file of files) {
    const result = importResources(readDescription(file), options);
    const where = files.length > 1 ? basename(file) : '';
    report.push(...result.report.map((entry) => ({ ...entry, path: `${where}${entry.path}` })));
    for (const resource of result.resources) {
      const earlier = byName.get(resource.name);
      byName.set(resource.name, earlier ? mergeResources(earlier, resource) : resource);
    }
  }
  if (byName.size === 0) report.push({ path: '#/paths', reason: 'no operation under a resource path was found' });
  return { resources: [...byName.values()], report };
}

/** The operations of both; the rest from the one that creates the records (its create describes them). */
function mergeResources(a: ResourceDefinition, b: ResourceDefinition): ResourceDefinition {
  const [base, other] = b.operations.some((operation) => operation.role === 'create') && !a.operations.some((operation) => operation.role === 'create') ? [b, a] : [a, b];
  const seen = new Set(base.operations.map((operation) => `${operation.method} ${operation.path}`));
  return { ...base, operations: [...base.operations, ...other.operations.filter((operation) => !seen.has(`${operation.method} ${operation.path}`))] };
}

const FIXTURE_COMMENT = 'Imported from an OpenAPI description by `mvmnt-conformance openapi import`; re-import to refresh it. Hand-kept hints live in fixtures/hints/<name>.json and are merged over this file when it is loaded.';

/** Writes one fixture file per resource; returns the paths written. */
export function writeFixtures(resources: ResourceDefinition[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return resources.map((resource) => {
    const file = join(outDir, `${resource.name}.json`);
    writeFileSync(file, `${JSON.stringify({ $comment: FIXTURE_COMMENT, ...resource }, null, 2)}\n`);
    return file;
  });
}
