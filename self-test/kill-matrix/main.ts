// `npm run mutants`: runs the kill matrix and prints it; exits non-zero unless the reference and every
// conformant variant pass, every mutant is killed and every clause is proven. Names of mutants or
// variants as arguments run only those; --concurrency, --seed and --property-runs override the defaults;
// --profile gate runs every target under the gate profile, with its property runs.
import { parseArgs } from 'node:util';
import { MUTANTS, mutantByName } from '../../reference-server/mutants/index.ts';
import { VARIANTS, variantByName } from '../../reference-server/mutants/variants.ts';
import { formatMatrix, matrixHolds, runMatrix } from './matrix.ts';
import { DEFAULT_RUN_SETTINGS, GATE_RUN_SETTINGS } from './run.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    concurrency: { type: 'string' },
    seed: { type: 'string' },
    'property-runs': { type: 'string' },
    profile: { type: 'string' },
  },
});

const unknown = positionals.filter((name) => mutantByName(name) === undefined && variantByName(name) === undefined);
if (unknown.length > 0) {
  console.error(`unknown mutant(s) or variant(s): ${unknown.join(', ')}`);
  process.exit(2);
}
const mutants = positionals.length > 0 ? positionals.flatMap((name) => mutantByName(name) ?? []) : MUTANTS;
const variants = positionals.length > 0 ? positionals.flatMap((name) => variantByName(name) ?? []) : VARIANTS;
const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
const settings = {
  ...DEFAULT_RUN_SETTINGS,
  ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
  ...(values['property-runs'] === undefined ? {} : { propertyRuns: Number(values['property-runs']) }),
  ...(values.profile === 'gate' ? GATE_RUN_SETTINGS : {}),
};

console.error(`kill matrix: the reference, ${variants.length} conformant variant(s) and ${mutants.length} mutant(s)…`);
const matrix = await runMatrix({
  mutants,
  variants,
  concurrency,
  settings,
  progress: (result) => console.error(`  ${result.name}: exit ${result.exitCode}, ${result.failed.length} failed (${(result.durationMs / 1000).toFixed(1)} s)`),
});
console.log(formatMatrix(matrix));
process.exitCode = matrixHolds(matrix) ? 0 : 1;
