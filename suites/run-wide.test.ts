// Run-wide clauses (headers, envelope, robustness floor, security): judged over every response this
// run received, not one sample. Runs last, in every shard (see runner/sequencer.ts).
import { cases, test, workerSession } from '../harness/index.ts';
import { clauseById } from '../harness/registry.ts';

const RUN_WIDE = workerSession().observations.clauses.map((id) => clauseById(id)!);

test.for(cases(RUN_WIDE, (clause) => `${clause.id}: ${clause.title}, on every response of the run`))('%s', ([, clause], { verifyTally, session }) => {
  verifyTally(session.observations.tally(clause.id));
});
