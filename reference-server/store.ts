// In-memory vendor records: soft deletes, and client keys that are unique among live records.

export interface AddressInput {
  line1: string;
  line2?: string | null;
  city: string;
  country: string;
  market: string;
  latitude?: string | null;
  longitude?: string | null;
  isAirportOrAirbase?: boolean;
  isConstructionOrUtilitySite?: boolean;
  isSmartyValidated?: boolean;
  obeysDst?: boolean;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  country: string;
  market: string;
  latitude: string | null;
  longitude: string | null;
  isAirportOrAirbase: boolean;
  isConstructionOrUtilitySite: boolean;
  isSmartyValidated: boolean;
  obeysDst: boolean;
}

/** The writable fields of a vendor, as they come out of a validated create or PATCH body. */
export interface VendorFields {
  name: string;
  key: string | null;
  email: string | null;
  phone: string | null;
  status: string | null;
  notes: string | null;
  taxId: string | null;
  currency: string | null;
  corporateAddress: AddressInput | null;
  billingAddress: AddressInput | null;
  paymentTermId: string | null;
  isMvmnt: boolean | null;
  requiredDocuments: string[] | null;
}

export type VendorInput = Pick<VendorFields, 'name'> & Partial<VendorFields>;
export type VendorPatch = Partial<VendorFields>;

export interface VendorRecord {
  object: 'VENDOR';
  id: string;
  friendlyId: string;
  name: string;
  key: string | null;
  email: string | null;
  phone: string | null;
  status: string | null;
  notes: string | null;
  taxId: string | null;
  currency: string | null;
  corporateAddress: Address | null;
  billingAddress: Address | null;
  paymentTermId: string | null;
  isMvmnt: boolean | null;
  requiredDocuments: string[] | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface StoreOptions {
  newId(): string;
  now(): number;
}

export interface VendorStore {
  create(input: VendorInput): VendorRecord;
  /** A live record by id, or else a live record by client key (an id path segment may be either). */
  resolve(idOrKey: string): VendorRecord | undefined;
  update(id: string, patch: VendorPatch): VendorRecord;
  softDelete(id: string): VendorRecord;
  /** The live record holding the key, other than exceptId (a record never conflicts with itself). */
  keyHolder(key: string, exceptId?: string): VendorRecord | undefined;
  /** Every record, deleted ones included, in creation order; records are never removed. */
  all(): readonly VendorRecord[];
}

const FIRST_FRIENDLY_NUMBER = 100001;

const FIELDS = [
  'name', 'key', 'email', 'phone', 'status', 'notes', 'taxId', 'currency',
  'corporateAddress', 'billingAddress', 'paymentTermId', 'isMvmnt', 'requiredDocuments',
] as const satisfies readonly (keyof VendorFields)[];

function toAddress(input: AddressInput | null | undefined): Address | null {
  if (input === null || input === undefined) return null;
  return {
    line1: input.line1,
    line2: input.line2 ?? null,
    city: input.city,
    country: input.country,
    market: input.market,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    isAirportOrAirbase: input.isAirportOrAirbase ?? false,
    isConstructionOrUtilitySite: input.isConstructionOrUtilitySite ?? false,
    isSmartyValidated: input.isSmartyValidated ?? false,
    obeysDst: input.obeysDst ?? true,
  };
}

/** Copies one known field; unknown body properties never reach a record. */
function assignField(record: VendorRecord, field: (typeof FIELDS)[number], value: unknown): void {
  switch (field) {
    case 'name':
      record.name = value as string;
      break;
    case 'corporateAddress':
    case 'billingAddress':
      record[field] = toAddress(value as AddressInput | null);
      break;
    case 'requiredDocuments':
      record.requiredDocuments = value === null ? null : [...(value as string[])];
      break;
    default:
      (record as unknown as Record<string, unknown>)[field] = value ?? null;
  }
}

export function createVendorStore({ newId, now }: StoreOptions): VendorStore {
  // Insertion order is creation order, which /filter pages through.
  const records = new Map<string, VendorRecord>();

  const timestamp = () => new Date(now()).toISOString();
  const isLive = (record: VendorRecord | undefined): record is VendorRecord => record?.deletedAt === null;

  function mustGetLive(id: string): VendorRecord {
    const record = records.get(id);
    if (!isLive(record)) throw new Error('vendor record is not live');
    return record;
  }

  // A plain scan keeps key rules obviously right (no index to keep in step); the store is small.
  function findLiveByKey(key: string, exceptId?: string): VendorRecord | undefined {
    for (const record of records.values()) {
      if (isLive(record) && record.key === key && record.id !== exceptId) return record;
    }
    return undefined;
  }

  return {
    create(input) {
      const createdAt = timestamp();
      const record: VendorRecord = {
        object: 'VENDOR',
        id: newId(),
        friendlyId: `V${FIRST_FRIENDLY_NUMBER + records.size}`,
        name: input.name,
        key: null, email: null, phone: null, status: null, notes: null, taxId: null, currency: null,
        corporateAddress: null, billingAddress: null, paymentTermId: null, isMvmnt: null,
        requiredDocuments: null,
        createdAt,
        updatedAt: createdAt,
        deletedAt: null,
      };
      for (const field of FIELDS) {
        if (input[field] !== undefined) assignField(record, field, input[field]);
      }
      records.set(record.id, record);
      return record;
    },

    resolve(idOrKey) {
      const byId = records.get(idOrKey);
      return isLive(byId) ? byId : findLiveByKey(idOrKey);
    },

    update(id, patch) {
      const record = mustGetLive(id);
      for (const field of FIELDS) {
        if (patch[field] !== undefined) assignField(record, field, patch[field]);
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
  };
}
