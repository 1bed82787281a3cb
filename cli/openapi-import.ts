// `openapi import <description...>`: writes one fixture per resource of the description (files or folders), prints what
// was written and every part of the description it could not translate (by path), and exits 1 when it
// found no resource at all.
import { DescriptionError, importDescription, writeFixtures } from '../importer/index.ts';
import { EXIT, fatal } from './exit.ts';

export function importCommand(description: string | string[], flags: { tags?: string[]; out: string }, log: (line: string) => void): number {
  let result;
  try {
    result = importDescription(description, { tags: flags.tags });
  } catch (error) {
    if (error instanceof DescriptionError) fatal(error.message);
    throw error;
  }
  const written = writeFixtures(result.resources, flags.out);
  for (const [index, file] of written.entries()) log(`${result.resources[index].name}: written to ${file}`);
  if (result.report.length > 0) {
    log(`not translated (${result.report.length}):`);
    for (const entry of result.report) log(`  ${entry.path}: ${entry.reason}`);
  }
  log('Hand-kept hints (client key, text hints, a valid sample) go in fixtures/hints/<name>.json; a re-import never touches them.');
  return result.resources.length > 0 ? EXIT.pass : EXIT.fail;
}
