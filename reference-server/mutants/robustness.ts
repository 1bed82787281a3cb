// Mutants of the robustness family: hostile input (deep nesting, huge strings, wrong types, invalid
// UTF-8, a wrong Content-Type, generated junk) never gets a 5xx, a hang or a dropped connection.
import { isUtf8 } from 'node:buffer';
import { parseJsonBody } from '../body.ts';
import { UNEXPECTED_ERROR_MESSAGE } from '../envelope.ts';
import type { Fields } from '../records.ts';
import { DEFAULT_AJV_OPTIONS, validationDetails } from '../validation.ts';
import { isJsonObject, onResponse, parseAnyJsonBody, storeWith, type CatalogEntry } from './support.ts';

const MAX_DEPTH = 64;
/** MySQL's TEXT column limit. */
const MAX_COLUMN_CHARS = 65_535;

function depth(value: unknown): number {
  return typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depth)) : 0;
}

/** Drops `$`-prefixed keys at every level, a guard against NoSQL operator injection. */
function withoutOperators(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOperators);
  if (typeof value !== 'object') return value;
  // typeof null is 'object' as well, and Object.entries(null) throws: a nested null becomes a 500.
  const entries = Object.entries(value as object).filter(([key]) => !key.startsWith('$'));
  return Object.fromEntries(entries.map(([key, child]) => [key, withoutOperators(child)]));
}

function assertFitsColumns(fields: Fields): void {
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.length > MAX_COLUMN_CHARS) throw new Error(`Data too long for column '${field}'`);
  }
}

export const robustnessMutants: CatalogEntry[] = [
  {
    name: 'depth-guard-throws-500',
    family: 'robustness',
    breaks: ['ERR-ROBUST-DEEP-NESTING', 'ERR-ROBUST-NO-5XX'],
    models: 'A nesting-depth guard throws a plain Error instead of a 400, so deeply nested JSON is answered 500.',
    parts: {
      parseJsonBody: (raw) => {
        const body = parseJsonBody(raw);
        if (depth(body) > MAX_DEPTH) throw new Error('Maximum nesting depth exceeded');
        return body;
      },
    },
  },
  {
    name: 'huge-string-500',
    family: 'robustness',
    breaks: ['ERR-ROBUST-HUGE-STRING', 'ERR-ROBUST-NO-5XX'],
    models: 'Free-text fields have no maxLength in the schema, and the database\'s "data too long for column" error on a 100,000-character name is a 500.',
    parts: {
      createStore: storeWith((store) => ({
        create: (input) => {
          assertFitsColumns(input);
          return store.create(input);
        },
        update: (id, patch) => {
          assertFitsColumns(patch);
          return store.update(id, patch);
        },
      })),
    },
  },
  {
    name: 'details-message-assumes-string',
    family: 'robustness',
    breaks: ['ERR-ROBUST-WRONG-TYPES', 'ERR-ROBUST-NO-5XX'],
    models: 'Each validation message quotes the rejected value with value.slice(0, 40).trim(), which throws when the value is not a string.',
    parts: {
      ajvOptions: { ...DEFAULT_AJV_OPTIONS, verbose: true },
      validationDetails: (errors, data) =>
        errors.flatMap((error) =>
          validationDetails([error], data).map((detail) =>
            error.keyword === 'required' ? detail : { ...detail, message: `${detail.message} (got "${(error.data as string).slice(0, 40).trim()}")` },
          ),
        ),
    },
  },
  {
    name: 'unsupported-media-type-as-500',
    family: 'robustness',
    breaks: ['ERR-ROBUST-CONTENT-TYPE', 'ERR-ROBUST-NO-5XX'],
    models: 'The error mapper knows the statuses it throws itself and turns the framework\'s 415 for a text/plain body into a 500.',
    install(app, parts) {
      onResponse(app, ({ reply, status }) => {
        if (status !== 415) return undefined;
        reply.code(500);
        return parts.errorBody(500, UNEXPECTED_ERROR_MESSAGE);
      });
    },
  },
  {
    name: 'invalid-utf8-hangs',
    family: 'robustness',
    breaks: ['ERR-ROBUST-INVALID-UTF8', 'ERR-ROBUST-NO-5XX'],
    models: 'The body decoder reports invalid UTF-8 on a stream nobody listens to, so the request never gets an answer.',
    parts: {
      parseJsonBody: (raw) => (isUtf8(raw) ? parseJsonBody(raw) : new Promise<never>(() => {})),
    },
  },
  {
    name: 'nested-null-crashes-sanitizer',
    family: 'robustness',
    breaks: ['ERR-ROBUST-JUNK', 'ERR-ROBUST-NO-5XX'],
    models: 'A recursive sanitizer that strips $-operators treats every typeof "object" as an object, so a null below the top level is a 500.',
    parts: {
      parseJsonBody: (raw) => {
        const body = parseJsonBody(raw);
        return body === undefined ? body : withoutOperators(body);
      },
    },
  },
  {
    name: 'junk-drops-connection',
    family: 'robustness',
    breaks: ['ERR-ROBUST-JUNK', 'ERR-ROBUST-NO-5XX', 'ERR-400-NOT-AN-OBJECT'],
    models: 'A body that is JSON but not an object reaches code that throws inside a socket callback, which resets the connection instead of answering.',
    parts: { parseJsonBody: parseAnyJsonBody },
    install(app) {
      app.addHook('preValidation', async (request, reply) => {
        if (request.body === undefined || isJsonObject(request.body)) return;
        request.raw.socket.destroy();
        reply.hijack();
      });
    },
  },
];
