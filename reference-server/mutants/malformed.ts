// Mutants of the malformed family: bodies that cannot be read as a JSON object must get 400 BAD_REQUEST.
import { parseJsonBody } from '../body.ts';
import { HttpError } from '../envelope.ts';
import { parseAnyJsonBody, type CatalogEntry } from './support.ts';

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const malformedMutants: CatalogEntry[] = [
  {
    name: 'malformed-json-as-422',
    family: 'malformed',
    breaks: ['ERR-400-MALFORMED-JSON'],
    models: 'Every problem with a body is reported as a validation error, so unparseable JSON gets 422 VALIDATION_ERROR instead of 400.',
    parts: {
      parseJsonBody: (raw) => {
        const text = raw.toString('utf8');
        if (text.trim() !== '' && !isJson(text)) {
          throw new HttpError(422, 'Validation failed', [{ field: 'body', message: 'Body is not valid JSON' }]);
        }
        return parseJsonBody(raw);
      },
    },
  },
  {
    name: 'empty-body-read-as-empty-object',
    family: 'malformed',
    breaks: ['ERR-400-EMPTY-BODY'],
    models: 'A body parser defaults a missing body to {}, so an empty create gets a 422 for the missing name and an empty PATCH changes nothing and answers 200.',
    parts: {
      parseJsonBody: (raw) => (raw.length === 0 ? {} : parseJsonBody(raw)),
    },
  },
  {
    name: 'non-object-body-validated-as-422',
    family: 'malformed',
    breaks: ['ERR-400-NOT-AN-OBJECT'],
    models: 'The parser only checks that the body is JSON; null, arrays and scalars reach the schema, whose `type: object` answers 422.',
    parts: { parseJsonBody: parseAnyJsonBody },
  },
];
