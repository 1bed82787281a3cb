// What `compare` reads of a conformance.json, as a JSON Schema: a file that passes it cannot make the
// comparison throw. Everything else in the report is left free, so newer reports still compare.
const text = { type: 'string' } as const;
const texts = { type: 'array', items: text } as const;
const status = { enum: ['passed', 'failed', 'skipped', 'waived'] } as const;

const sample = {
  type: 'object',
  required: ['method', 'path', 'status', 'headers', 'bodyExcerpt'],
  properties: {
    method: text,
    path: text,
    status: { type: ['integer', 'null'] },
    headers: { type: 'object', additionalProperties: text },
    bodyExcerpt: text,
  },
} as const;

const failure = {
  type: 'object',
  properties: {
    test: text,
    request: { type: 'object', required: ['method', 'url'], properties: { method: text, url: text } },
    response: {
      anyOf: [
        { type: 'null' },
        { type: 'object', required: ['status', 'headers', 'bodyExcerpt'], properties: { status: { type: 'integer' }, headers: { type: 'object', additionalProperties: text }, bodyExcerpt: text } },
      ],
    },
    transportFailure: text,
  },
} as const;

const clause = {
  type: 'object',
  required: ['id', 'status', 'title', 'level', 'tests', 'failures', 'resources'],
  properties: {
    id: text,
    title: text,
    level: text,
    status,
    resources: { type: 'object', additionalProperties: status },
    tests: {
      type: 'array',
      items: { type: 'object', required: ['name', 'state'], properties: { name: text, state: text, resource: text, checked: { type: 'array', items: sample } } },
    },
    failures: { type: 'array', items: failure },
  },
} as const;

const cause = {
  type: 'object',
  required: ['id', 'title', 'fix', 'level', 'clauses'],
  properties: { id: text, title: text, observed: text, fix: text, level: text, clauses: texts },
} as const;

export const COMPARED_REPORT_SCHEMA = {
  type: 'object',
  required: ['clauses', 'target', 'tool', 'startedAt'],
  properties: {
    startedAt: text,
    target: { type: 'object', required: ['baseUrl'], properties: { baseUrl: text, embedded: { type: 'boolean' } } },
    tool: { type: 'object', required: ['version'], properties: { version: text } },
    resources: texts,
    clauses: { type: 'array', items: clause },
    causes: { type: 'array', items: cause },
  },
} as const;
