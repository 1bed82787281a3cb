// Runs a TypeScript entry module without a loader hook: esbuild bundles it into one module (package
// imports resolved from here), kept in the temporary folder and rebuilt only when one of its source
// files changed. Nothing then stands in front of the modules vitest loads, which keeps a run's memory
// and start-up down.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The entry's exports, from the cached bundle (built first when it is missing or stale). */
export async function importBundled(entry) {
  // One cache per entry of each installed copy: the bundle holds the absolute paths of its packages.
  const cacheDir = join(tmpdir(), `mvmnt-conformance-bundle-${createHash('sha256').update(fileURLToPath(entry)).digest('hex').slice(0, 16)}`);
  const bundleFile = join(cacheDir, 'bundle.mjs');
  const inputsFile = join(cacheDir, 'inputs.json');
  if (!isFresh(inputsFile)) await bundle(entry, cacheDir, bundleFile, inputsFile);
  return import(pathToFileURL(bundleFile).href);
}

/** The cached bundle was built from the source files as they are now (same size and modification time). */
function isFresh(inputsFile) {
  try {
    return JSON.parse(readFileSync(inputsFile, 'utf8')).every(({ path, mtimeMs, size }) => {
      const stat = statSync(path);
      return stat.mtimeMs === mtimeMs && stat.size === size;
    });
  } catch {
    return false;
  }
}

async function bundle(entry, cacheDir, bundleFile, inputsFile) {
  const { build, stop } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  // Written aside, then renamed: processes starting at the same moment never read half a file.
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
