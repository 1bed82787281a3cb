// Configuration: defaults, precedence (flags over environment), and a clear error for each bad value.
import { readFileSync } from 'node:fs';
import { loadResources } from '../fixtures/load.ts';
import { referenceVariables } from '../harness/references.ts';
import { describe, expect, test } from 'vitest';
import { isRefusedProductionTarget, loadConfig, VARIABLES } from '../harness/config.ts';
import { resolveCatalog } from '../harness/catalog.ts';
import { ConfigError } from '../harness/errors.ts';
import { namePattern } from '../cli/run.ts';

const remote = { MVMNT_BASE_URL: 'https://staging.example/v1', MVMNT_CLIENT_ID: 'id', MVMNT_CLIENT_SECRET: 'secret' };

describe('loadConfig', () => {
  test('no target: the embedded server, with the embedded defaults', () => {
    const config = loadConfig({}, {});
    expect(config.baseUrl).toBeNull();
    expect(config.settings).toMatchObject({ reportDir: 'reports', requestTimeoutMs: 10_000, propertyRuns: 25, maxBurst: 1000 });
  });

  test('a remote target: token URL from its origin, remote defaults', () => {
    const config = loadConfig({}, { ...remote, MVMNT_BASE_URL: 'https://staging.example/v1/' });
    expect(config.baseUrl).toBe('https://staging.example/v1');
    expect(config.tokenUrl).toBe('https://staging.example/oauth2/token');
    expect(config.settings.propertyRuns).toBe(25);
  });

  test('flags win over the environment', () => {
    expect(loadConfig({ MVMNT_PROPERTY_RUNS: '7' }, { ...remote, MVMNT_PROPERTY_RUNS: '9' }).settings.propertyRuns).toBe(7);
  });

  test.for([
    [{ MVMNT_BASE_URL: 'not a url' }, 'MVMNT_BASE_URL', /not a URL/],
    [{ MVMNT_BASE_URL: 'ftp://x/v1', MVMNT_ACCESS_TOKEN: 't' }, 'MVMNT_BASE_URL', /http\(s\)/],
    [{ MVMNT_BASE_URL: 'https://staging.example/v1' }, 'MVMNT_BASE_URL', /no credentials/],
    [{ MVMNT_CLIENT_SECRET: 's' }, 'MVMNT_CLIENT_SECRET', /MVMNT_CLIENT_ID is not/],
    [{ MVMNT_CLIENT_ID: 'id' }, 'MVMNT_CLIENT_ID', /MVMNT_CLIENT_SECRET is not/],
    [{ MVMNT_REQUEST_TIMEOUT_MS: 'soon' }, 'MVMNT_REQUEST_TIMEOUT_MS', /not an integer/],
    [{ MVMNT_PROPERTY_RUNS: '0' }, 'MVMNT_PROPERTY_RUNS', /at least 1/],
    [{ MVMNT_SEED: '1.5' }, 'MVMNT_SEED', /not an integer/],
    [{ MVMNT_REF_PAYMENT_TERMS: 'pt-1' }, 'MVMNT_REF_PAYMENT_TERMS', /not a UUID/],
    [{ MVMNT_SHARD: '3/2' }, 'MVMNT_SHARD', /index <= count/],
    [{ MVMNT_ALLOW_PRODUCTION: 'yes' }, 'MVMNT_ALLOW_PRODUCTION', /yes-i-know/],
    [{ MVMNT_EMBEDDED_RATE_LIMIT: '120' }, 'MVMNT_EMBEDDED_RATE_LIMIT', /120\/5/],
  ] as const)('%o is refused, naming %s', ([env, variable, problem]) => {
    const error = (() => {
      try {
        loadConfig({}, env as NodeJS.ProcessEnv);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(problem);
  });
});

describe('the production guard', () => {
  test('api.mvmnt.io and listed hosts are refused unless allowed', () => {
    const production = { MVMNT_BASE_URL: 'https://api.mvmnt.io/v1', MVMNT_ACCESS_TOKEN: 't' };
    expect(isRefusedProductionTarget(loadConfig({}, production))).toBe(true);
    expect(isRefusedProductionTarget(loadConfig({}, { ...production, MVMNT_ALLOW_PRODUCTION: 'yes-i-know' }))).toBe(false);
    expect(isRefusedProductionTarget(loadConfig({}, { ...remote, MVMNT_PRODUCTION_HOSTS: 'Staging.Example, other.example' }))).toBe(true);
    expect(isRefusedProductionTarget(loadConfig({}, remote))).toBe(false);
  });
});

describe('.env.example', () => {
  test('documents every variable the suite reads, and a MVMNT_REF_<RESOURCE> for every resource a committed fixture references, each with a comment line above it', () => {
    const lines = readFileSync(new URL('../.env.example', import.meta.url), 'utf8').split('\n');
    const variables = [...Object.keys(VARIABLES), ...Object.keys(referenceVariables(loadResources()))];
    expect(variables).toContain('MVMNT_REF_CUSTOMERS');
    const undocumented = variables.filter((name) => {
      const at = lines.findIndex((line) => new RegExp(`^#? ?${name}=`).test(line));
      return at < 1 || !lines[at - 1].startsWith('# ');
    });
    expect(undocumented).toEqual([]);
  });
});

describe('--only and --skip', () => {
  test('select tests by clause id, after the resource block vitest puts before it in the full name', () => {
    const only = namePattern(['validation'], [])!;
    expect(only.test('vendors ERR-422-FIELD-NAMED: 422 naming email')).toBe(true);
    expect(only.test('ERR-422-FIELD-NAMED: 422 naming email')).toBe(true);
    expect(only.test('vendors ERR-400-MALFORMED-JSON: 400 for truncated JSON')).toBe(false);
    const skip = namePattern([], ['auth'])!;
    expect(skip.test('customer-contacts ERR-401-MISSING-TOKEN: 401 without a token')).toBe(false);
    expect(skip.test('ERR-401-TOKEN-ENDPOINT: the token endpoint refuses a wrong secret')).toBe(false);
    expect(skip.test('customer-contacts ERR-400-EMPTY-BODY: 400 for an empty body')).toBe(true);
  });
});

describe('the resources of a run', () => {
  test('the embedded server serves the judged resources and, transitively, those they reference; the run still knows them all', () => {
    const catalog = resolveCatalog({ openapi: undefined, resources: ['locations'], shard: undefined });
    expect(catalog.judged).toEqual(['locations']);
    const served = catalog.served.map((resource) => resource.name);
    expect(served).toContain('locations');
    expect(served).toContain('customers');
    // Customers reference payment terms: a location's customer may carry one.
    expect(served).toContain('payment-terms');
    expect(served).not.toContain('carriers');
    expect(catalog.known.map((resource) => resource.name)).toContain('carriers');
  });
});
