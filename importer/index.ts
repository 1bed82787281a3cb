// `mvmnt-conformance openapi import`: an OpenAPI description (YAML or JSON) to resource fixtures, and
// the same import at run time for `--openapi FILE`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

export function importDescription(file: string, options: ImportOptions = {}): ImportResult {
  return importResources(readDescription(file), options);
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
