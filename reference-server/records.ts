// In-memory records of one resource: soft deletes, client keys unique among live records, lookup by
// id or by key, and the nested records a record holds (a shipment's orders, a load's carriers), each
// with an id of its own. A record holds the fields its schemas describe, copied as the validated body gave them.
import type { JsonSchema, ResourceFixture } from './fixtures.ts';

/** A stored record: bookkeeping fields, then the resource's own fields. */
export interface StoredRecord {
  object: string;
  id: string;
  friendlyId: string;
  key: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  [field: string]: unknown;
}

/** A record inside one of a record's collections (an order of a shipment). */
export type NestedRecord = Record<string, unknown> & { id: string };

export type Fields = Record<string, unknown>;

export interface StoreOptions {
  resource: ResourceFixture;
  /** The record's collections whose items are records of their own (other records name them, or operations address them). */
  collections: readonly string[];
  newId(): string;
  now(): number;
}

export interface RecordStore {
  /** A live record by id, or else a live record by client key; `by` restricts the lookup to one of them. */
  resolve(idOrKey: string, by?: 'id' | 'key'): StoredRecord | undefined;
  create(input: Fields): StoredRecord;
  update(id: string, patch: Fields): StoredRecord;
  /** Sets the field that holds the record's state (which no body may write); undefined unsets it. */
  moveTo(id: string, field: string, state: unknown): StoredRecord;
  softDelete(id: string): StoredRecord;
  /** The live record holding the key, other than exceptId (a record never conflicts with itself). */
  keyHolder(key: string, exceptId?: string): StoredRecord | undefined;
  /** Every record, deleted ones included, in creation order; records are never removed. */
  all(): readonly StoredRecord[];
  /** A nested record of a live record's collection, by its id. */
  nested(id: string, collection: string, nestedId: string): NestedRecord | undefined;
  /** Adds a nested record to a live record's collection. */
  addNested(id: string, collection: string, fields: Fields): NestedRecord;
  updateNested(id: string, collection: string, nestedId: string, patch: Fields): NestedRecord;
  removeNested(id: string, collection: string, nestedId: string): NestedRecord;
}

const FIRST_FRIENDLY_NUMBER = 100001;

/** Every property a body may set on the record: the create and update bodies' properties, union variants included. */
function writableFields(resource: ResourceFixture): Set<string> {
  const names = (schema: JsonSchema | undefined): string[] => (schema ? [...Object.keys(schema.properties ?? {}), ...(schema.oneOf ?? []).flatMap(names)] : []);
  return new Set([...names(resource.schemas.create), ...names(resource.schemas.patch)]);
}

export function createRecordStore({ resource, collections, newId, now }: StoreOptions): RecordStore {
  // Insertion order is creation order, which /filter pages through.
  const records = new Map<string, StoredRecord>();
  const fields = writableFields(resource);
  const keyField = resource.keyField;
  const object = resource.title.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/\W+/g, '_').toUpperCase();

  const timestamp = () => new Date(now()).toISOString();
  const isLive = (record: StoredRecord | undefined): record is StoredRecord => record?.deletedAt === null;

  function mustGetLive(id: string): StoredRecord {
    const record = records.get(id);
    if (!isLive(record)) throw new Error(`${resource.name} record is not live`);
    return record;
  }

  // A plain scan keeps key rules obviously right (no index to keep in step); the store is small.
  function findLiveByKey(key: string, exceptId?: string): StoredRecord | undefined {
    for (const record of records.values()) {
      if (isLive(record) && record.key === key && record.id !== exceptId) return record;
    }
    return undefined;
  }

  /** Copies the known fields of a body (unknown properties never reach a record); nested records get ids. */
  function assign(record: StoredRecord, body: Fields): void {
    for (const [field, value] of Object.entries(body)) {
      if (!fields.has(field) || value === undefined) continue;
      const copy = structuredClone(value);
      if (field === keyField) record.key = (copy as string | null) ?? null;
      else record[field] = copy;
    }
    for (const collection of collections) {
      const items = record[collection];
      if (Array.isArray(items)) record[collection] = items.map((item) => (item && typeof item === 'object' && typeof (item as Fields).id !== 'string' ? { id: newId(), ...(item as Fields) } : item));
    }
  }

  function collectionOf(id: string, collection: string): NestedRecord[] {
    const record = mustGetLive(id);
    if (!Array.isArray(record[collection])) record[collection] = [];
    return record[collection] as NestedRecord[];
  }

  function mustGetNested(id: string, collection: string, nestedId: string): NestedRecord {
    const found = collectionOf(id, collection).find((item) => item.id === nestedId);
    if (!found) throw new Error(`${resource.name} ${collection} record is not there`);
    return found;
  }

  return {
    resolve(idOrKey, by) {
      const byId = by === 'key' ? undefined : records.get(idOrKey);
      if (isLive(byId)) return byId;
      return by === 'id' ? undefined : findLiveByKey(idOrKey);
    },

    create(input) {
      const createdAt = timestamp();
      const record: StoredRecord = {
        object,
        id: newId(),
        friendlyId: `${resource.title[0].toUpperCase()}${FIRST_FRIENDLY_NUMBER + records.size}`,
        key: null,
        createdAt,
        updatedAt: createdAt,
        deletedAt: null,
      };
      assign(record, input);
      for (const [field, state] of Object.entries(resource.initialState)) record[field] ??= state;
      records.set(record.id, record);
      return record;
    },

    update(id, patch) {
      const record = mustGetLive(id);
      assign(record, patch);
      record.updatedAt = timestamp();
      return record;
    },

    moveTo(id, field, state) {
      const record = mustGetLive(id);
      // `orders[].billingStatus`: the state is each item's.
      const [list, inner] = field.split('[].');
      const holders = inner === undefined ? [record] : Array.isArray(record[list!]) ? (record[list!] as Fields[]) : [];
      const name = inner ?? field;
      for (const holder of holders) {
        if (state === undefined) delete holder[name];
        else holder[name] = state;
      }
      record.updatedAt = timestamp();
      return record;
    },

    softDelete(id) {
      const record = mustGetLive(id);
      record.deletedAt = timestamp();
      record.updatedAt = record.deletedAt;
      return record;
    },

    keyHolder(key, exceptId) {
      return findLiveByKey(key, exceptId);
    },

    all() {
      return [...records.values()];
    },

    nested(id, collection, nestedId) {
      const record = records.get(id);
      if (!isLive(record) || !Array.isArray(record[collection])) return undefined;
      return (record[collection] as NestedRecord[]).find((item) => item.id === nestedId);
    },

    addNested(id, collection, fields) {
      const added: NestedRecord = { id: newId(), ...structuredClone(fields) };
      collectionOf(id, collection).push(added);
      mustGetLive(id).updatedAt = timestamp();
      return added;
    },

    updateNested(id, collection, nestedId, patch) {
      const found = mustGetNested(id, collection, nestedId);
      Object.assign(found, structuredClone(patch), { id: nestedId });
      return found;
    },

    removeNested(id, collection, nestedId) {
      const items = collectionOf(id, collection);
      const found = mustGetNested(id, collection, nestedId);
      items.splice(items.indexOf(found), 1);
      return found;
    },
  };
}
