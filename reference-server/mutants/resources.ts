// Mutants that break one rule on one resource only: each proves that the suite's loop over that
// resource really runs (its run judges that resource alone, and the clause must fail there).
import { dropPageSizeBounds, onResponse, routedTo, schemasWith, staleReadStore, storeWith, type CatalogEntry } from './support.ts';

type Schema = Record<string, any>;


export const resourceMutants: CatalogEntry[] = [
  {
    name: 'payment-terms-page-size-unbounded',
    family: 'validation',
    resources: ['payment-terms'],
    breaks: ['ERR-422-PAGE-SIZE'],
    models: 'The payment-terms filter schema was written by hand and dropped pageSize\'s 1..250 bounds, so 0 and 1000 are answered 200 there.',
    parts: {
      schemasFor: schemasWith('filter', dropPageSizeBounds, ['payment-terms']),
    },
  },
  {
    name: 'payment-terms-by-key-looks-up-ids',
    family: 'success',
    resources: ['payment-terms'],
    breaks: ['ERR-2XX-GET-BY-KEY-PARAM'],
    models: 'The payment-terms handler maps by=key to the id column (a copy-paste of the by=id branch), so a lookup by key finds nothing.',
    parts: {
      createStore: storeWith((store) => ({ resolve: (idOrKey, by) => store.resolve(idOrKey, by === 'key' ? 'id' : by) }), ['payment-terms']),
    },
  },
  {
    name: 'companies-duplicate-keys-allowed',
    family: 'duplicate-key',
    resources: ['companies'],
    breaks: ['ERR-409-CREATE-DUPLICATE', 'ERR-409-PATCH-DUPLICATE', 'ERR-409-DETAILS-KEY'],
    models: 'The companies table was migrated without the unique index on its client key, so any number of live companies share one.',
    parts: { createStore: storeWith(() => ({ keyHolder: () => undefined }), ['companies']) },
  },
  {
    name: 'companies-contact-email-unchecked',
    family: 'validation',
    resources: ['companies'],
    breaks: ['ERR-422-FIELD-NAMED'],
    models: 'The companies schema types primaryContactEmail as a plain string, so "not-an-email" is stored.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        delete schema.properties.primaryContactEmail.format;
      }, ['companies']),
    },
  },
  {
    name: 'customers-status-enum-unchecked',
    family: 'validation',
    resources: ['customers'],
    breaks: ['ERR-422-FIELD-NAMED'],
    models: 'The customers create schema lost the CustomerStatus enum (a $ref the generator did not follow), so any status string is accepted.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        delete schema.properties.status.enum;
      }, ['customers']),
    },
  },
  {
    name: 'customers-address-fields-optional',
    family: 'validation',
    resources: ['customers'],
    breaks: ['ERR-422-MISSING-OR-TYPE'],
    models: 'The customers create schema reuses AddressPatch for its addresses, so an address without line1, city, country or market is stored.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        delete schema.properties.corporateAddress.required;
        delete schema.properties.billingAddress.required;
      }, ['customers']),
    },
  },
  {
    name: 'customer-contacts-dangling-customer-accepted',
    family: 'validation',
    resources: ['customer-contacts'],
    breaks: ['ERR-422-DANGLING-REFERENCE'],
    models: 'customerId is only checked to be a UUID; the foreign key is not enforced, so a contact of a customer that does not exist is created.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        delete schema.properties.customerId['x-references'];
      }, ['customer-contacts']),
    },
  },
  {
    name: 'customer-contacts-list-as-pagination',
    family: 'success',
    resources: ['customer-contacts'],
    breaks: ['ERR-2XX-FILTER'],
    models: 'The customer-contacts filter shares the customers serializer and answers {data, pagination}, where its description promises {data, pageInfo}.',
    install(app) {
      onResponse(app, ({ request, status, json }) => {
        if (!routedTo(request, 'filter', 'customer-contacts') || status !== 200 || json?.pageInfo === undefined) return undefined;
        const { pageInfo, ...rest } = json;
        return { ...rest, pagination: pageInfo };
      });
    },
  },
  {
    name: 'locations-dangling-customer-accepted',
    family: 'validation',
    resources: ['locations'],
    breaks: ['ERR-422-DANGLING-REFERENCE'],
    models: 'A location\'s customerId is stored without looking the customer up, so locations of customers that do not exist are created.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        delete schema.properties.customerId['x-references'];
      }, ['locations']),
    },
  },
  {
    name: 'locations-deleted-still-served',
    family: 'not-found',
    resources: ['locations'],
    breaks: ['ERR-404-DELETED-RECORD'],
    models: 'Location reads go through a cache that DELETE never invalidates, so a deleted location is still served as live.',
    parts: { createStore: staleReadStore(['locations']) },
  },
  {
    name: 'carriers-type-ignored',
    family: 'validation',
    resources: ['carriers'],
    breaks: ['ERR-422-FIELD-NAMED', 'ERR-422-MISSING-OR-TYPE'],
    models: 'The carriers create schema is the truckload variant alone, with type a free string: a missing or unknown type is stored as a carrier.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        const [truckload] = schema.oneOf as Schema[];
        for (const keyword of Object.keys(schema)) delete schema[keyword];
        Object.assign(schema, {
          type: 'object',
          required: truckload.required.filter((field: string) => field !== 'type'),
          properties: { ...truckload.properties, type: { type: 'string' } },
        });
      }, ['carriers']),
    },
  },
  {
    name: 'carriers-truckload-dates-unchecked',
    family: 'validation',
    resources: ['carriers'],
    breaks: ['ERR-422-FIELD-NAMED'],
    models: 'The truckload variant\'s insurance and review dates are typed as plain strings, so "not-a-date" is stored for them.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        const [truckload] = schema.oneOf as Schema[];
        for (const property of Object.values<Schema>(truckload.properties)) if (property.format === 'date-time' || property.format === 'date') delete property.format;
      }, ['carriers']),
    },
  },
];
