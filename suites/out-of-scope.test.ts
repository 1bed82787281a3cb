// Clauses judged on operations that no judged resource has (a run of resources without actions has no
// ERR-2XX-ACTION to judge): one row each for the whole run, skipped with the reason, so a report never
// says "not selected" of a clause the user selected.
import { cases, clausesOutOfScope, test } from '../harness/index.ts';

test.for(cases(clausesOutOfScope(), ({ clause }) => `${clause}: not judged in this run`))('%s', ([, { reason }], { skip, task }) => {
  task.meta.inapplicable = true;
  skip(reason);
});
