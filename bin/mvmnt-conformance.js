#!/usr/bin/env node
// The mvmnt-conformance command: loads the TypeScript CLI through tsx, then unregisters tsx before
// the run, because vitest compiles the suites itself and tsx's hooks would sit in front of every
// module vitest loads (doubling the memory of a run).
import { register } from 'tsx/esm/api';

const unregister = register();
const { main } = await import('../cli/main.ts');
await unregister();
await main(process.argv);
