// Mutants of the duplicate-key family: a key held by another live vendor is a 409 DUPLICATE_KEY naming key.
import { HttpError } from '../envelope.ts';
import { onResponse, storeWith, type CatalogEntry } from './support.ts';

export const duplicateKeyMutants: CatalogEntry[] = [
  {
    name: 'key-uniqueness-not-enforced',
    family: 'duplicate-key',
    breaks: ['ERR-409-CREATE-DUPLICATE', 'ERR-409-PATCH-DUPLICATE', 'ERR-409-DETAILS-KEY'],
    models: 'The unique index on the client key was never created, so any number of live vendors share a key.',
    parts: {
      createStore: storeWith(() => ({ keyHolder: () => undefined })),
    },
  },
  {
    name: 'key-uniqueness-not-checked-on-patch',
    family: 'duplicate-key',
    breaks: ['ERR-409-PATCH-DUPLICATE', 'ERR-409-DETAILS-KEY'],
    models: 'The key check lives in the create handler only; PATCH writes whatever key it is given.',
    parts: {
      createStore: storeWith((store) => ({
        keyHolder: (key, exceptId) => (exceptId === undefined ? store.keyHolder(key) : undefined),
      })),
    },
  },
  {
    name: 'key-conflict-includes-self',
    family: 'duplicate-key',
    breaks: ['ERR-409-OWN-KEY'],
    models: 'The PATCH uniqueness query does not exclude the record being updated, so re-sending its own key is a 409.',
    parts: {
      createStore: storeWith((store) => ({ keyHolder: (key) => store.keyHolder(key) })),
    },
  },
  {
    name: 'duplicate-details-name-constraint',
    family: 'duplicate-key',
    breaks: ['ERR-409-DETAILS-KEY'],
    models: 'The 409 details name the database constraint (vendors_key_unique) instead of the request field key.',
    install(app) {
      onResponse(app, ({ status, json }) => {
        if (status !== 409 || !Array.isArray(json?.error?.details)) return undefined;
        return { error: { ...json.error, details: [{ field: 'vendors_key_unique', message: 'Unique constraint violated' }] } };
      });
    },
  },
  {
    name: 'duplicate-key-leaks-sql',
    family: 'duplicate-key',
    breaks: ['ERR-409-CREATE-DUPLICATE', 'ERR-409-PATCH-DUPLICATE', 'ERR-ROBUST-NO-5XX', 'ERR-SEC-NO-INTERNALS'],
    models: 'Uniqueness is left to the database, and its unique-violation error is passed through as a 500 with the driver\'s message.',
    parts: {
      createStore: storeWith((store) => {
        const violation = () =>
          new HttpError(500, 'duplicate key value violates unique constraint "vendors_key_key" (SQLSTATE 23505)');
        return {
          keyHolder: () => undefined,
          create: (input) => {
            if (typeof input.key === 'string' && store.keyHolder(input.key)) throw violation();
            return store.create(input);
          },
          update: (id, patch) => {
            if (typeof patch.key === 'string' && store.keyHolder(patch.key, id)) throw violation();
            return store.update(id, patch);
          },
        };
      }),
    },
  },
];
