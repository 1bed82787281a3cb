// Run configuration: the MVMNT_* variables (from the environment, then .env) and CLI overrides,
// validated up front so a bad value ends the run before any request is sent.
import { config as loadDotenv } from 'dotenv';
import { ConfigError } from './errors.ts';
import { PROFILES, type Profile } from '../model/run.ts';

export interface Credentials {
  clientId?: string;
  clientSecret?: string;
  accessToken?: string;
}

/** fast-check runs per property when MVMNT_PROPERTY_RUNS is not set. */
export const DEFAULT_PROPERTY_RUNS: Record<Profile, number> = { full: 25, gate: 1 };

export interface Settings {
  reportDir: string;
  profile: Profile;
  requestTimeoutMs: number;
  propertyRuns: number;
  maxBurst: number;
  /** Most requests a run may send (MVMNT_MAX_REQUESTS); null: no cap. */
  maxRequests: number | null;
  concurrency: number;
  seed: number;
  /** Names of the resources to judge (MVMNT_RESOURCES); undefined: every resource known. */
  resources?: string[];
  /** An OpenAPI description whose resources are judged instead of the committed fixtures. */
  openapi?: string;
  /** Live records the user names for references (MVMNT_REF_<RESOURCE>), by resource name. */
  references: Record<string, string>;
  /** The target may keep records the run cannot delete (MVMNT_DISPOSABLE=yes; the embedded server always may). */
  disposable: boolean;
  /** This run is shard `index` of `count`: it judges its share of the resources (MVMNT_SHARD, --shard). */
  shard?: { index: number; count: number };
  expectationsFile?: string;
}

export interface EmbeddedServerSettings {
  rateLimit: { limit: number; windowSeconds: number };
}

export interface Config {
  /** null: no target configured, the run starts the embedded reference server. */
  baseUrl: string | null;
  tokenUrl: string | null;
  credentials: Credentials;
  settings: Settings;
  productionHosts: string[];
  allowProduction: boolean;
  embedded: EmbeddedServerSettings;
}

/** Every variable the suite reads, with a one-line description (rendered into .env.example and --help). */
export const VARIABLES = {
  MVMNT_BASE_URL: 'API base URL, version included; unset: the embedded reference server',
  MVMNT_TOKEN_URL: 'OAuth2 token endpoint; default <origin of MVMNT_BASE_URL>/oauth2/token',
  MVMNT_CLIENT_ID: 'OAuth2 client id (client-credentials flow)',
  MVMNT_CLIENT_SECRET: 'OAuth2 client secret; read from the environment only',
  MVMNT_ACCESS_TOKEN: 'a ready bearer token, instead of client credentials; read from the environment only',
  MVMNT_REPORT_DIR: 'where reports are written (default reports/)',
  MVMNT_REQUEST_TIMEOUT_MS: 'per-request timeout in milliseconds (default 10000)',
  MVMNT_PROFILE: 'gate (every clause on every operation, on the fewest requests: for a merge gate) or full (every case: for the nightly report); default full',
  MVMNT_PROPERTY_RUNS: 'fast-check runs per property, on every operation it applies to (default 25, or 1 under the gate profile)',
  MVMNT_MAX_BURST: 'most requests the rate-limit clause may send (default 1000)',
  MVMNT_MAX_REQUESTS: 'most requests a run may send; once spent, the tests left skip with the reason (default: no cap)',
  MVMNT_CONCURRENCY: 'requests in flight at once (default 16 embedded, 4 remote)',
  MVMNT_SEED: 'fast-check seed, to replay a failure (default: random, printed in the report)',
  MVMNT_RESOURCES: 'comma-separated resources to judge (default: every resource known; see --list)',
  MVMNT_OPENAPI: 'an OpenAPI description (a YAML or JSON file, or a folder of them, such as MVMNT\'s per-tag files) whose resources are judged instead of the committed fixtures',
  MVMNT_SHARD: 'run shard i of n (e.g. 2/3): this job judges its share of the resources; merge with --merge-reports',
  MVMNT_EXPECTATIONS: 'file of clauses known to fail on this target (waivers)',
  MVMNT_DISPOSABLE: 'set to yes when the target may keep records the run cannot delete (resources without DELETE, such as credit memos); default: such records are not made on a remote target',
  MVMNT_PRODUCTION_HOSTS: 'comma-separated hosts the suite refuses to run against (api.mvmnt.io always)',
  MVMNT_ALLOW_PRODUCTION: 'set to yes-i-know to run against a production host anyway',
  MVMNT_EMBEDDED_RATE_LIMIT: 'rate limit of the embedded reference server, requests/seconds (default 1000/2)',
} as const;

export type VariableName = keyof typeof VARIABLES;
export type Overrides = Partial<Record<VariableName, string>>;

const ALWAYS_PRODUCTION = ['api.mvmnt.io'];

/**
 * Only what decides the run's resources (MVMNT_OPENAPI, MVMNT_RESOURCES, MVMNT_REF_*): for --list,
 * which sends nothing and must not fail on a setting it does not use.
 */
export function loadResourceSettings(overrides: Overrides = {}, env: NodeJS.ProcessEnv = process.env): ResourceSettings {
  loadDotenv({ quiet: true });
  return resourceSettings(overrides, env);
}

type ResourceSettings = Pick<Settings, 'openapi' | 'resources' | 'references' | 'shard' | 'disposable'>;

function resourceSettings(overrides: Overrides, env: NodeJS.ProcessEnv): ResourceSettings {
  const read = reader(overrides, env);
  return {
    openapi: read('MVMNT_OPENAPI'),
    resources: nameList(read('MVMNT_RESOURCES')),
    references: givenReferences(overrides, env),
    shard: shardSetting(read('MVMNT_SHARD')),
    // The embedded server starts empty every run: whatever the run leaves there is gone with it.
    disposable: read('MVMNT_BASE_URL') === undefined || yes('MVMNT_DISPOSABLE', read('MVMNT_DISPOSABLE')),
  };
}

/** A variable's value: the flag's, else the environment's, trimmed; blank counts as unset. */
function reader(overrides: Overrides, env: NodeJS.ProcessEnv): (name: VariableName) => string | undefined {
  return (name) => {
    const value = overrides[name] ?? env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
}

/** Loads .env (the process environment wins, flags win over both) and validates everything. */
export function loadConfig(overrides: Overrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  loadDotenv({ quiet: true });
  const read = reader(overrides, env);

  const baseUrl = optionalUrl('MVMNT_BASE_URL', read('MVMNT_BASE_URL'));
  const explicitTokenUrl = optionalUrl('MVMNT_TOKEN_URL', read('MVMNT_TOKEN_URL'));
  const tokenUrl = explicitTokenUrl ?? (baseUrl ? `${new URL(baseUrl).origin}/oauth2/token` : null);

  const credentials: Credentials = {
    clientId: read('MVMNT_CLIENT_ID'),
    clientSecret: read('MVMNT_CLIENT_SECRET'),
    accessToken: read('MVMNT_ACCESS_TOKEN'),
  };
  if (credentials.clientSecret && !credentials.clientId) {
    throw new ConfigError('MVMNT_CLIENT_SECRET', 'is set but MVMNT_CLIENT_ID is not; set both, or use MVMNT_ACCESS_TOKEN');
  }
  if (credentials.clientId && !credentials.clientSecret && !credentials.accessToken) {
    throw new ConfigError('MVMNT_CLIENT_ID', 'is set but MVMNT_CLIENT_SECRET is not (set it in the environment or .env)');
  }
  if (baseUrl && !credentials.accessToken && !credentials.clientId) {
    throw new ConfigError(
      'MVMNT_BASE_URL',
      'is set but no credentials are: set MVMNT_CLIENT_ID and MVMNT_CLIENT_SECRET, or MVMNT_ACCESS_TOKEN',
    );
  }

  const embedded = baseUrl === null;
  const profile = profileSetting(read('MVMNT_PROFILE'));
  const allowProduction = read('MVMNT_ALLOW_PRODUCTION');
  if (allowProduction !== undefined && allowProduction !== 'yes-i-know') {
    throw new ConfigError('MVMNT_ALLOW_PRODUCTION', "must be exactly 'yes-i-know' when set");
  }

  return {
    baseUrl,
    tokenUrl,
    credentials,
    settings: {
      reportDir: read('MVMNT_REPORT_DIR') ?? 'reports',
      requestTimeoutMs: positiveInteger('MVMNT_REQUEST_TIMEOUT_MS', read('MVMNT_REQUEST_TIMEOUT_MS'), 10_000),
      profile,
      propertyRuns: positiveInteger('MVMNT_PROPERTY_RUNS', read('MVMNT_PROPERTY_RUNS'), DEFAULT_PROPERTY_RUNS[profile]),
      maxBurst: positiveInteger('MVMNT_MAX_BURST', read('MVMNT_MAX_BURST'), 1000),
      maxRequests: read('MVMNT_MAX_REQUESTS') === undefined ? null : positiveInteger('MVMNT_MAX_REQUESTS', read('MVMNT_MAX_REQUESTS'), 1),
      concurrency: positiveInteger('MVMNT_CONCURRENCY', read('MVMNT_CONCURRENCY'), embedded ? 16 : 4),
      seed: integer('MVMNT_SEED', read('MVMNT_SEED')) ?? randomSeed(),
      ...resourceSettings(overrides, env),
      expectationsFile: read('MVMNT_EXPECTATIONS'),
    },
    productionHosts: [
      ...ALWAYS_PRODUCTION,
      ...(read('MVMNT_PRODUCTION_HOSTS') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    ],
    allowProduction: allowProduction === 'yes-i-know',
    embedded: { rateLimit: rateLimitSetting(read('MVMNT_EMBEDDED_RATE_LIMIT')) },
  };
}

// Two seconds: the burst (1,001 requests) must fit in one window even on a busy 2-core machine.
const DEFAULT_EMBEDDED_RATE_LIMIT = { limit: 1000, windowSeconds: 2 };

function rateLimitSetting(value: string | undefined): { limit: number; windowSeconds: number } {
  if (value === undefined) return DEFAULT_EMBEDDED_RATE_LIMIT;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new ConfigError('MVMNT_EMBEDDED_RATE_LIMIT', `must be <requests>/<seconds>, e.g. 120/5, got '${value}'`);
  }
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE_VARIABLE = /^MVMNT_REF_([A-Z0-9_]+)$/;

/** Every MVMNT_REF_<RESOURCE>, by resource name (see referenceVariable: MVMNT_REF_PAYMENT_TERMS names payment-terms). */
function givenReferences(overrides: Overrides, env: NodeJS.ProcessEnv): Record<string, string> {
  const references: Record<string, string> = {};
  for (const [name, raw] of Object.entries({ ...env, ...overrides })) {
    const resource = REFERENCE_VARIABLE.exec(name)?.[1];
    const value = raw?.trim();
    if (resource === undefined || !value) continue;
    if (!UUID.test(value)) throw new ConfigError(name, `is not a UUID: '${value}'`);
    references[resource.toLowerCase().replace(/_/g, '-')] = value;
  }
  return references;
}

function yes(name: VariableName, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value !== 'yes' && value !== 'no') throw new ConfigError(name, `must be yes or no, got '${value}'`);
  return value === 'yes';
}

function shardSetting(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^([1-9]\d*)\/([1-9]\d*)$/.exec(value);
  if (!match || Number(match[1]) > Number(match[2])) throw new ConfigError('MVMNT_SHARD', `must be <index>/<count>, e.g. 1/3, with index <= count; got '${value}'`);
  return { index: Number(match[1]), count: Number(match[2]) };
}

function nameList(value: string | undefined): string[] | undefined {
  const names = value?.split(',').map((name) => name.trim()).filter(Boolean);
  return names && names.length > 0 ? names : undefined;
}

function optionalUrl(name: VariableName, value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL: '${value}' (expected e.g. https://staging.example/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL, got '${value}'`);
  }
  if (url.username || url.password) {
    throw new ConfigError(name, 'must not carry credentials in the URL; use MVMNT_CLIENT_ID and MVMNT_CLIENT_SECRET');
  }
  if (url.search || url.hash) throw new ConfigError(name, `must not have a query or fragment: '${value}'`);
  return url.href.replace(/\/+$/, '');
}

function integer(name: VariableName, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new ConfigError(name, `is not an integer: '${value}'`);
  }
  return Number(value);
}

function profileSetting(value: string | undefined): Profile {
  if (value === undefined) return 'full';
  const profile = PROFILES.find((name) => name === value.toLowerCase());
  if (!profile) throw new ConfigError('MVMNT_PROFILE', `must be ${PROFILES.join(' or ')}, got '${value}'`);
  return profile;
}

function positiveInteger(name: VariableName, value: string | undefined, fallback: number): number {
  const parsed = integer(name, value);
  if (parsed === undefined) return fallback;
  if (parsed < 1) throw new ConfigError(name, `must be at least 1, got ${parsed}`);
  return parsed;
}

function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** The production guard: true when the target is a production host the user has not allowed. */
export function isRefusedProductionTarget(config: Config): boolean {
  if (!config.baseUrl || config.allowProduction) return false;
  const host = new URL(config.baseUrl).hostname.toLowerCase();
  return config.productionHosts.some((production) => host === production || host.endsWith(`.${production}`));
}
