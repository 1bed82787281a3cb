// Run-wide clauses (headers, envelope, robustness floor, security, rate-limit headers): judged over
// every response this run received, per resource and for the responses outside any resource's routes,
// not on one sample. Runs last, in every shard (see runner/sequencer.ts).
import { cases, casesOn, forEachResource, test, workerSession } from '../harness/index.ts';
import { clauseById } from '../harness/registry.ts';

const RUN_WIDE = workerSession().observations.clauses.map((id) => clauseById(id)!);

forEachResource((resource) => {
  for (const clause of RUN_WIDE) {
    test.for(casesOn(clause.id, resource, [resource.fixture.name], (name) => `${clause.title}, on every response to ${name}`))('%s', (_, { verifyTally, session }) => {
      verifyTally(session.observations.tally(clause.id, resource.fixture.name));
    });
  }
});

test.for(cases(RUN_WIDE, (clause) => `${clause.id}: ${clause.title}, on every response outside any resource's routes`))('%s', ([, clause], { verifyTally, session }) => {
  verifyTally(session.observations.tally(clause.id));
});
