// Mutants of the success family: 201 with the record on create, 200 on GET (by id or key), PATCH and
// filter, 204 with no body on DELETE, ids that are UUIDs.
import { onResponse, routedTo, storeWith, type CatalogEntry } from './support.ts';

export const successMutants: CatalogEntry[] = [
  {
    name: 'create-returns-200',
    family: 'success',
    breaks: ['ERR-2XX-CREATE', 'ERR-422-POSITIVE-CONTROL'],
    models: 'The create handler returns the record with the framework\'s default 200 instead of 201 Created.',
    install(app) {
      onResponse(app, ({ request, reply, status }) => {
        if (routedTo(request, 'create') && status === 201) reply.code(200);
        return undefined;
      });
    },
  },
  {
    name: 'get-wraps-record',
    family: 'success',
    breaks: ['ERR-2XX-GET', 'ERR-2XX-GET-BY-KEY'],
    models: 'GET answers {"data": record}, the list endpoint\'s wrapper, instead of the record itself.',
    install(app) {
      onResponse(app, ({ request, status, json }) => (routedTo(request, 'get') && status === 200 ? { data: json } : undefined));
    },
  },
  {
    name: 'get-by-key-unsupported',
    family: 'success',
    breaks: ['ERR-2XX-GET-BY-KEY'],
    models: 'The path id is only looked up as a record id; MVMNT\'s client-key lookup was never implemented.',
    parts: {
      createStore: storeWith((store) => ({
        resolve: (idOrKey) => store.all().find((record) => record.id === idOrKey && record.deletedAt === null),
      })),
    },
  },
  {
    name: 'patch-returns-204',
    family: 'success',
    breaks: ['ERR-2XX-PATCH', 'ERR-409-OWN-KEY'],
    models: 'PATCH answers 204 No Content, as a command endpoint would, instead of 200 with the updated record.',
    install(app) {
      onResponse(app, ({ request, reply, status }) => {
        if (!routedTo(request, 'patch') || status !== 200) return undefined;
        reply.code(204);
        return '';
      });
    },
  },
  {
    name: 'filter-returns-bare-array',
    family: 'success',
    breaks: ['ERR-2XX-FILTER'],
    models: 'The filter endpoint returns the page\'s records as a bare JSON array, dropping {data, pageInfo}.',
    install(app) {
      onResponse(app, ({ request, status, json }) => (routedTo(request, 'filter') && status === 200 ? json?.data : undefined));
    },
  },
  {
    name: 'delete-returns-200-with-body',
    family: 'success',
    breaks: ['ERR-2XX-DELETE'],
    models: 'DELETE answers 200 with a confirmation body, as MVMNT\'s soft-delete page describes, instead of the guide\'s 204.',
    install(app) {
      onResponse(app, ({ request, reply, status }) => {
        if (!routedTo(request, 'delete') || status !== 204) return undefined;
        reply.code(200).type('application/json; charset=utf-8');
        return { id: (request.params as { id: string }).id, deleted: true };
      });
    },
  },
  idsNotUuids(),
];

/** Sequential ids, as an auto-increment primary key hands them out. */
function idsNotUuids(): CatalogEntry {
  let next = 100_000;
  return {
    name: 'ids-not-uuids',
    family: 'success',
    breaks: ['ERR-2XX-CREATE', 'ERR-2XX-GET', 'ERR-2XX-PATCH'],
    models: 'Records get auto-increment ids ("vnd_100001") instead of the UUIDs the contract promises.',
    parts: { newId: () => `vnd_${++next}` },
  };
}
