// ERR-5XX-* (MAY): a target that honours `Prefer: code=500|503` (Stoplight Prism's convention)
// answers with the envelope, on every resource; a target that ignores the header skips these clauses,
// saying so.
import { casesOn, errorResponse, forEachResource, recordForFile, test } from '../harness/index.ts';

const FAULTS = [
  { clause: 'ERR-5XX-INTERNAL', status: 500, code: 'INTERNAL_ERROR' },
  { clause: 'ERR-5XX-UNAVAILABLE', status: 503, code: 'SERVICE_UNAVAILABLE' },
];

forEachResource((resource) => {
  const record = recordForFile(resource);
  for (const fault of FAULTS) {
    test.concurrent.for(casesOn(fault.clause, resource, [resource.routeLabel('get')], (on) => `Prefer: code=${fault.status} gets ${fault.status} ${fault.code} with the envelope on ${on}`))('%s', async (_, { send, verify, skipUnless }) => {
      const exchange = await send(resource.get(record.id, { headers: { Prefer: `code=${fault.status}` } }));
      skipUnless((exchange.response?.status ?? 500) >= 500, `the target ignores Prefer: code=${fault.status} (answered ${exchange.response?.status}); fault injection is optional`);
      verify(exchange, errorResponse(fault.status));
    });
  }
});
