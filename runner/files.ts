// The suite files whose place in a run is fixed (runner/sequencer.ts): the rate-limit burst after every
// other clause, the run-wide clauses last in every run and shard.
export const BURST = /429-rate-limit\.test\.ts$/;
export const RUN_WIDE = /run-wide\.test\.ts$/;

export const isLastFile = (file: string) => RUN_WIDE.test(file);
