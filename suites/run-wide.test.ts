// Run-wide clauses (headers, envelope, robustness floor, security, rate-limit headers): judged over
// every response this run received, per resource and for the responses outside any resource's routes,
// not on one sample; and whether one answer is given everywhere two are allowed. Runs last, in every
// shard (see runner/sequencer.ts).
import { askUnlessAsked, cases, casesOnResource, forEachResource, test, workerSession } from '../harness/index.ts';
import { clauseById } from '../harness/registry.ts';

const RUN_WIDE = workerSession().observations.clauses.map((id) => clauseById(id)!);

forEachResource((resource) => {
  for (const clause of RUN_WIDE) {
    test.for(casesOnResource(clause.id, resource, [resource.fixture.name], (name) => `${clause.title}, on every response to ${name}`))('%s', (_, { verifyTally, session }) => {
      verifyTally(session.observations.tally(clause.id, resource.fixture.name));
    });
  }
});

test.for(cases(RUN_WIDE, (clause) => `${clause.id}: ${clause.title}, on every response outside any resource's routes`))('%s', ([, clause], { verifyTally, session }) => {
  verifyTally(session.observations.tally(clause.id));
});

test('ERR-ONE-ANSWER: where two answers are allowed, one is given on every operation of the run', async ({ verifyTally, session }) => {
  await askUnlessAsked(session);
  verifyTally(session.observations.oneAnswer());
});
