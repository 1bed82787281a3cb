#!/usr/bin/env -S node --max-semi-space-size=4
// The mvmnt-conformance command. The CLI is TypeScript: esbuild bundles it into one module in the
// temporary folder at every start (tens of milliseconds), package imports resolved from here. Unlike
// a loader hook, nothing then stands in front of the modules vitest loads, which keeps a run's
// memory and start-up down; so does the smaller young generation set in the line above.
import { build, stop } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = new URL('../cli/main.ts', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'mvmnt-conformance-cli-'));
const outfile = join(dir, 'cli.mjs');
let main;
try {
  await build({
    entryPoints: [fileURLToPath(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // Modules of cli/ locate the package (and package.json) relative to their own URL.
    define: { 'import.meta.url': JSON.stringify(entry.href) },
    plugins: [
      {
        name: 'packages-resolved-from-here',
        setup(bundle) {
          bundle.onResolve({ filter: /^[^./]/ }, (args) => ({ path: import.meta.resolve(args.path), external: true }));
        },
      },
    ],
  });
  ({ main } = await import(pathToFileURL(outfile).href));
} finally {
  rmSync(dir, { recursive: true, force: true });
  // esbuild's service process is not needed for the rest of the run.
  await stop();
}
await main(process.argv);
