// Mutants of the envelope family: every error body is {"error": {code, message, details?}}, labelled
// application/json, with the code the status table gives.
import { errorBody, errorCode } from '../envelope.ts';
import { onResponse, type CatalogEntry } from './support.ts';

export const envelopeMutants: CatalogEntry[] = [
  {
    name: 'openapi-flat-envelope',
    family: 'envelope',
    breaks: ['ERR-ENV-SHAPE'],
    models: 'Errors follow the shape in MVMNT\'s OpenAPI description, {"error": "validation_error", "message": ...}, not the guide\'s nested envelope.',
    parts: {
      errorBody: (status, message) => ({ error: errorCode(status).toLowerCase(), message }),
    },
  },
  {
    name: 'lower-case-error-codes',
    family: 'envelope',
    breaks: ['ERR-ENV-CODE'],
    models: 'Error codes are written in lower snake case ("not_found"), as some style guides prefer.',
    parts: {
      errorBody: (status, message, details) => {
        const body = errorBody(status, message, details);
        return { error: { ...body.error, code: body.error.code.toLowerCase() } };
      },
    },
  },
  {
    name: 'text-plain-error-bodies',
    family: 'envelope',
    breaks: ['ERR-ENV-CONTENT-TYPE'],
    models: 'Error bodies are serialized by hand with res.end(JSON.stringify(...)) and go out labelled text/plain.',
    install(app) {
      onResponse(app, ({ reply, status }) => {
        if (status >= 400) reply.header('content-type', 'text/plain; charset=utf-8');
        return undefined;
      });
    },
  },
];
