// The walls between the layers, read off the source files' own imports: no cycle anywhere, reporters
// render the model without the harness, the reference server shares data with the suite but no code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAYERS = ['bench', 'bin', 'cli', 'fixtures', 'harness', 'importer', 'model', 'reference-server', 'reporters', 'runner', 'schema', 'self-test', 'suites'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Each source file's relative imports (static, re-exports, dynamic), as paths from the project root. */
const IMPORTS = new Map(
  LAYERS.filter((layer) => statSync(join(ROOT, layer), { throwIfNoEntry: false })?.isDirectory()).flatMap(sourceFiles).map((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const targets = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => normalize(join(dirname(file), match[1])));
    return [file, targets] as const;
  }),
);

const importsOf = (layer: string) => [...IMPORTS].filter(([file]) => file.startsWith(`${layer}/`)).flatMap(([file, targets]) => targets.map((target) => `${file} -> ${target}`));
const into = (...layers: string[]) => (edge: string) => layers.some((layer) => edge.split(' -> ')[1].startsWith(`${layer}/`));

/** Every cycle's files, by Tarjan's strongly connected components. */
function cycles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const target of IMPORTS.get(file) ?? []) {
      if (!IMPORTS.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (stack.includes(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component = stack.splice(stack.indexOf(file));
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of IMPORTS.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('the import graph', () => {
  test('has no cycle', () => {
    expect(cycles()).toEqual([]);
  });

  test('reporters render the model: they never import the harness, the runner or the suites', () => {
    expect(importsOf('reporters').filter(into('harness', 'runner', 'suites'))).toEqual([]);
  });

  test('the model imports nothing but the contract data', () => {
    expect(importsOf('model').filter((edge) => !into('model', 'fixtures')(edge))).toEqual([]);
  });

  test('the schema toolkit stands alone: only the contract data and the model', () => {
    expect(importsOf('schema').filter((edge) => !into('schema', 'fixtures', 'model')(edge))).toEqual([]);
  });

  test('the reference server shares data with the suite, never code', () => {
    expect(importsOf('reference-server').filter(into('harness', 'suites', 'runner', 'reporters', 'schema', 'importer'))).toEqual([]);
  });

  test('suites reach the harness through its entry point (and the registry), never a target', () => {
    const allowed = new Set(['harness/index.ts', 'harness/registry.ts']);
    expect(importsOf('suites').filter((edge) => !allowed.has(edge.split(' -> ')[1]))).toEqual([]);
  });

  test('the harness knows no target and no suite', () => {
    expect(importsOf('harness').filter(into('suites', 'reference-server', 'reporters', 'runner', 'cli'))).toEqual([]);
  });

  test('it reads every layer (a renamed folder would make these walls vacuous)', () => {
    for (const layer of ['harness', 'reporters', 'model', 'schema', 'reference-server', 'suites']) expect(importsOf(layer).length, layer).toBeGreaterThan(0);
  });
});
