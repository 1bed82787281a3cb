#!/usr/bin/env -S node --max-semi-space-size=4 --max-old-space-size=512
// The mvmnt-conformance command: the TypeScript CLI, run from its cached bundle (bundle.js). The heap
// settings in the line above (a smaller young generation, and an old-generation limit, which makes V8
// grow its heaps far less eagerly) keep a run's memory down.
import { importBundled } from './bundle.js';

const { main } = await importBundled(new URL('../cli/main.ts', import.meta.url));
await main(process.argv);
