// ERR-5XX-* (MAY): a target that honours `Prefer: code=500|503` (Stoplight Prism's convention)
// answers with the envelope, on every resource; a target that ignores the header skips these clauses,
// saying so.
import { cases, errorResponse, forEachResource, recordForFile, test } from '../harness/index.ts';

const FAULTS = [
  { clause: 'ERR-5XX-INTERNAL', status: 500, code: 'INTERNAL_ERROR' },
  { clause: 'ERR-5XX-UNAVAILABLE', status: 503, code: 'SERVICE_UNAVAILABLE' },
];

forEachResource((resource) => {
  const record = recordForFile(resource);
  test.concurrent.for(cases(FAULTS, (row) => `${row.clause}: Prefer: code=${row.status} gets ${row.status} ${row.code} with the envelope on ${resource.routeLabel('get')}`))(
    '%s',
    async ([, fault], { send, verify, skipUnless }) => {
      const exchange = await send(resource.get(record.id, { headers: { Prefer: `code=${fault.status}` } }));
      skipUnless((exchange.response?.status ?? 500) >= 500, `the target ignores Prefer: code=${fault.status} (answered ${exchange.response?.status}); fault injection is optional`);
      verify(exchange, errorResponse(fault.status));
    },
  );
});
