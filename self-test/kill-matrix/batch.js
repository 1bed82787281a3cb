// Starts a kill-matrix worker process (batch.ts) from its cached bundle, as the command starts.
import { importBundled } from '../../bin/bundle.js';

const { serve } = await importBundled(new URL('./batch.ts', import.meta.url));
await serve();
