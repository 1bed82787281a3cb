#!/usr/bin/env -S node --max-semi-space-size=4 --max-old-space-size=512
// The mvmnt-conformance command. The CLI is TypeScript: esbuild bundles it into one module (package
// imports resolved from here), kept in the temporary folder and rebuilt only when one of its source
// files changed. Unlike a loader hook, nothing then stands in front of the modules vitest loads, which
// keeps a run's memory and start-up down; so do the heap settings in the line above (a smaller young
// generation, and an old-generation limit, which makes V8 grow its heaps far less eagerly).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = new URL('../cli/main.ts', import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
// One cache per installed copy: the bundle holds the absolute paths of this copy's packages.
const cacheDir = join(tmpdir(), `mvmnt-conformance-cli-${createHash('sha256').update(root).digest('hex').slice(0, 16)}`);
const bundleFile = join(cacheDir, 'cli.mjs');
const inputsFile = join(cacheDir, 'inputs.json');

/** The cached bundle was built from the source files as they are now (same size and modification time). */
function cachedBundleIsFresh() {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return inputs.every(({ path, mtimeMs, size }) => {
      const stat = statSync(path);
      return stat.mtimeMs === mtimeMs && stat.size === size;
    });
  } catch {
    return false;
  }
}

async function bundle() {
  const { build, stop } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  // Written aside, then renamed: runs starting at the same moment never read half a file.
  const partial = `${bundleFile}.${process.pid}`;
  try {
    const { metafile } = await build({
      entryPoints: [fileURLToPath(entry)],
      outfile: partial,
      bundle: true,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      plugins: [
        {
          name: 'packages-resolved-from-here',
          setup(build) {
            build.onResolve({ filter: /^[^./]/ }, (args) => ({ path: import.meta.resolve(args.path), external: true }));
            // Each module finds its data (fixtures, package.json) relative to its own URL, as unbundled.
            build.onLoad({ filter: /\.ts$/ }, async (args) => ({
              contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
              loader: 'ts',
            }));
          },
        },
      ],
    });
    const inputs = Object.keys(metafile.inputs).map((path) => {
      const absolute = resolve(path);
      const { mtimeMs, size } = statSync(absolute);
      return { path: absolute, mtimeMs, size };
    });
    renameSync(partial, bundleFile);
    writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs));
    renameSync(`${inputsFile}.${process.pid}`, inputsFile);
  } finally {
    // esbuild's service process is not needed for the rest of the run.
    await stop();
  }
}

if (!cachedBundleIsFresh()) await bundle();
const { main } = await import(pathToFileURL(bundleFile).href);
await main(process.argv);
