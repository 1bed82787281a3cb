// Mutants of the server-error family: an injected 500 or 503 (Prefer: code=...) carries the envelope
// with INTERNAL_ERROR or SERVICE_UNAVAILABLE.
import { errorBody } from '../envelope.ts';
import { onResponse, type CatalogEntry } from './support.ts';

const ERROR_PAGE = '<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>';

export const serverErrorMutants: CatalogEntry[] = [
  {
    name: 'internal-error-html-page',
    family: 'server-error',
    breaks: ['ERR-5XX-INTERNAL'],
    models: 'A 500 is replaced on its way out by the proxy\'s or framework\'s HTML error page.',
    install(app) {
      onResponse(app, ({ reply, status }) => {
        if (status !== 500) return undefined;
        reply.header('content-type', 'text/html; charset=utf-8');
        return ERROR_PAGE;
      });
    },
  },
  {
    name: 'unavailable-as-internal-error',
    family: 'server-error',
    breaks: ['ERR-5XX-UNAVAILABLE'],
    models: 'Every 5xx is reported with the generic INTERNAL_ERROR code, including a 503.',
    parts: {
      errorBody: (status, message, details) => errorBody(status === 503 ? 500 : status, message, details),
    },
  },
];
