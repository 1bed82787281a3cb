// ERR-5XX-* (MAY): a target that honours `Prefer: code=500|503` (Stoplight Prism's convention)
// answers with the envelope, on every resource; a target that ignores the header skips these clauses,
// saying so.
import { casesOn, errorResponse, forEachResource, operationTargets, test } from '../harness/index.ts';

const FAULTS = [
  { clause: 'ERR-5XX-INTERNAL', status: 500, code: 'INTERNAL_ERROR' },
  { clause: 'ERR-5XX-UNAVAILABLE', status: 503, code: 'SERVICE_UNAVAILABLE' },
];

forEachResource((resource) => {
  const targets = operationTargets(resource);
  for (const fault of FAULTS) {
    test.concurrent.for(casesOn(fault.clause, resource, (operation) => [operation], (operation) => `Prefer: code=${fault.status} gets ${fault.status} ${fault.code} with the envelope on ${operation.label}`))('%s', async ([, operation], { send, verify, skipUnless }) => {
      const exchange = await send(targets.valid(operation, { headers: { Prefer: `code=${fault.status}` } }));
      skipUnless((exchange.response?.status ?? 500) >= 500, `the target ignores Prefer: code=${fault.status} (answered ${exchange.response?.status}); fault injection is optional`);
      verify(exchange, errorResponse(fault.status));
    });
  }
});
