// Mutants of the headers family: a non-empty X-Request-Id on every response, distinct per request.
import { randomUUID } from 'node:crypto';
import { onResponse, type CatalogEntry } from './support.ts';

const BOOT_ID = randomUUID();

export const headersMutants: CatalogEntry[] = [
  {
    name: 'request-id-missing-on-errors',
    family: 'headers',
    breaks: ['ERR-HDR-REQUEST-ID'],
    models: 'X-Request-Id is set by the success path\'s response decorator, so error responses carry none.',
    install(app) {
      onResponse(app, ({ reply, status }) => {
        if (status >= 400) reply.removeHeader('x-request-id');
        return undefined;
      });
    },
  },
  {
    name: 'request-id-constant',
    family: 'headers',
    breaks: ['ERR-HDR-REQUEST-ID-UNIQUE'],
    models: 'The request id is generated once when the process starts, so every response carries the same X-Request-Id.',
    parts: { newRequestId: () => BOOT_ID },
  },
];
