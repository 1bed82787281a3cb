// Renders the clause registry, the resource fixtures and the cause registry as CONTRACT.md's tables; `npm run
// contract:table` rewrites them in place, and the drift test fails when CONTRACT.md and the data disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CAUSES, CLAUSES, loadResources, stateRule, stepLabel, type CauseDefinition, type Clause, type JsonSchema, type ResourceFixture, type StateRule, type StateStep } from '../fixtures/load.ts';
import { markdownCell } from '../reporters/text.ts';

export const CONTRACT_FILE = fileURLToPath(new URL('../CONTRACT.md', import.meta.url));
const START = '<!-- clause-table:start (generated from fixtures/contract/clauses.json by npm run contract:table) -->';
const END = '<!-- clause-table:end -->';

const cell = (text: string | undefined) => markdownCell(text ?? '');

export function renderClauseTable(clauses: readonly Clause[] = CLAUSES): string {
  const rows = clauses.map(
    (c) => `| <a id="${c.id.toLowerCase()}"></a>\`${c.id}\` | ${c.family} | ${c.level} | ${cell(c.rule)} | ${cell(c.source)} | ${cell(c.accepts) || '—'} |`,
  );
  return [START, '| ID | Family | Level | Rule | Source | Accepted alternatives |', '|---|---|---|---|---|---|', ...rows, END].join('\n');
}

export function tableInContract(markdown: string, start = START, end = END): string | undefined {
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  return from === -1 || to === -1 ? undefined : markdown.slice(from, to + end.length);
}

export const RESOURCES_START = '<!-- resource-table:start (generated from fixtures/resources and fixtures/hints by npm run contract:table) -->';
export const RESOURCES_END = '<!-- resource-table:end -->';

/** What differs between resources, as the fixtures say it: the rules every clause applies per resource. */
export function renderResourceTable(resources: readonly ResourceFixture[] = loadResources()): string {
  const rows = resources.map((resource) => {
    const create = resource.schemas.create ?? {};
    const variants = create.oneOf && create.discriminator ? create.oneOf : [create];
    const required = [...new Set(variants.flatMap((variant) => variant.required ?? []))];
    const pageSize = resource.schemas.filter?.properties?.pageSize ?? {};
    const references = resource.references.map((reference) => `${reference.path} → ${reference.resource}${reference.required ? ' (required)' : ''}`);
    const union = create.discriminator ? `${create.discriminator.propertyName}: ${variants.map((variant) => variant.properties![create.discriminator!.propertyName].enum![0]).join(', ')}` : '—';
    const path = resource.routes.create?.path ?? resource.operations[0].path;
    return `| \`${resource.name}\` | ${path} | ${resource.operations.length} | ${resource.keyField ?? '—'} | ${required.map((field) => `\`${field}\``).join(', ') || '—'} | ${enumCount(variants)} | ${references.join('; ') || '—'} | ${union} | ${resource.routes.filter ? resource.list.page : '—'} | ${pageSize.minimum ?? '—'}..${pageSize.maximum ?? '—'} | ${resource.lookup ? `?${resource.lookup.parameter}=${resource.lookup.byId}\\|${resource.lookup.byKey}` : '—'} |`;
  });
  return [
    RESOURCES_START,
    '| Resource | Path | Operations | Client key | Required on create | Enums | References | Union | List page | pageSize | Lookup |',
    '|---|---|---:|---|---|---:|---|---|---|---|---|',
    ...rows,
    RESOURCES_END,
  ].join('\n');
}

export const OPERATIONS_START = '<!-- operation-table:start (generated from fixtures/resources and fixtures/hints by npm run contract:table) -->';
export const OPERATIONS_END = '<!-- operation-table:end -->';
const CRUD = new Set(['create', 'read', 'update', 'delete', 'filter']);

/** Every operation beyond a record's create, read, update, delete and filter: what it is, what it takes, what it answers. */
export function renderOperationTable(resources: readonly ResourceFixture[] = loadResources()): string {
  const rows = resources.flatMap((resource) =>
    resource.operations
      .filter((operation) => !CRUD.has(operation.role) || operation.path.split('{').length > 2)
      .map((operation) => {
        const hints = resource.operationHints[operation.id] ?? {};
        const body = operation.body ? (operation.body.required ? 'required' : 'optional') : '—';
        const makes = [hints.creates ? `a ${hints.creates.resource} record (${hints.creates.idField})` : '', hints.produces ? `one of its ${hints.produces.collection} (${hints.produces.idField})` : ''].filter(Boolean).join('; ');
        return `| \`${operation.method} ${operation.path}\` | ${operation.role} | ${body} | ${operation.success} | ${operation.declared.includes(409) ? 'declared' : '—'} | ${makes || '—'} |`;
      }),
  );
  return [
    OPERATIONS_START,
    '| Operation | Role | JSON body | Success | 409 | Makes |',
    '|---|---|---|---:|---|---|',
    ...rows,
    OPERATIONS_END,
  ].join('\n');
}

/** How many fields with an enum the create payload has (nested ones included). */
function enumCount(schemas: JsonSchema[]): number {
  const names = new Set<string>();
  const walk = (schema: JsonSchema, path: string) => {
    if (schema.enum) names.add(path);
    for (const [name, child] of Object.entries(schema.properties ?? {})) walk(child, `${path}.${name}`);
    if (schema.items) walk(schema.items, `${path}[]`);
  };
  for (const schema of schemas) walk(schema, '');
  return names.size;
}

export const CAUSES_START = '<!-- cause-table:start (generated from fixtures/contract/causes.json by npm run contract:table) -->';
export const CAUSES_END = '<!-- cause-table:end -->';

/** The cause registry: what each cause takes (first matching cause wins, in this order) and which clauses it breaks directly. */
export function renderCauseTable(causes: readonly CauseDefinition[] = CAUSES): string {
  const rule = (r: CauseDefinition['match'][number]) =>
    [r.kinds.join(' or '), r.families ? `in ${r.families.join(', ')}` : '', r.clauses ? `of ${r.clauses.join(', ')}` : '', r.statuses ? `answered ${r.statuses.join(', ')}` : ''].filter(Boolean).join(' ');
  const home = (c: CauseDefinition) => [...(c.home.clauses ?? []).map((id) => `\`${id}\``), ...(c.home.families ?? []).map((family) => `the ${family} family`)].join(', ');
  const rows = causes.map((c) => `| \`${c.id}\` | ${cell(c.title)} | ${cell(c.match.map(rule).join('; or '))} | ${home(c)} |`);
  return [CAUSES_START, '| Cause | Statement | Takes violations of kind | Breaks directly |', '|---|---|---|---|', ...rows, CAUSES_END].join('\n');
}

export const STATES_START = '<!-- state-table:start (generated from the state rules of fixtures/hints by npm run contract:table) -->';
export const STATES_END = '<!-- state-table:end -->';

/** Every action whose description declares a 409, with its kept state rule: what it needs, leaves, and how a run arranges it (or why it cannot). */
export function renderStateTable(resources: readonly ResourceFixture[] = loadResources()): string {
  const steps = (list: StateStep[] | undefined) => (list === undefined ? '—' : list.length === 0 ? 'a new record' : list.map(stepLabel).join(', then '));
  const needs = (rule: StateRule) => (rule.needs?.in ? rule.needs.in.join(' or ') : rule.needs?.notIn ? `not ${rule.needs.notIn.join(' or ')}` : 'any');
  const rows = resources.flatMap((resource) =>
    resource.operations
      .filter((operation) => operation.role === 'action' && operation.declared.includes(409))
      .map((operation) => {
        const rule = stateRule(resource, operation.id);
        if (!rule) return `| \`${operation.method} ${operation.path}\` | (no rule kept) | | | | | |`;
        return `| \`${operation.method} ${operation.path}\` | ${cell(rule.says)} | ${rule.field ? `\`${rule.field}\`` : '—'} | ${rule.field ? needs(rule) : '—'} | ${rule.leaves ?? '—'} | ${steps(rule.conflictAfter)} | ${steps(rule.allowedAfter)}${rule.unarrangeable ? ` (not arranged: ${cell(rule.unarrangeable)})` : ''} |`;
      }),
  );
  return [STATES_START, '| Action | Its 409, in our words | State field | Runs in | Leaves | Conflict arranged on | Allowed state arranged on |', '|---|---|---|---|---|---|---|', ...rows, STATES_END].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const markdown = readFileSync(CONTRACT_FILE, 'utf8');
  const clauses = tableInContract(markdown);
  const resources = tableInContract(markdown, RESOURCES_START, RESOURCES_END);
  const operations = tableInContract(markdown, OPERATIONS_START, OPERATIONS_END);
  const causes = tableInContract(markdown, CAUSES_START, CAUSES_END);
  const states = tableInContract(markdown, STATES_START, STATES_END);
  if (!clauses || !resources || !operations || !causes || !states) throw new Error('CONTRACT.md lacks the clause-table, resource-table, operation-table, cause-table or state-table markers');
  writeFileSync(CONTRACT_FILE, markdown.replace(clauses, renderClauseTable()).replace(resources, renderResourceTable()).replace(operations, renderOperationTable()).replace(causes, renderCauseTable()).replace(states, renderStateTable()));
  console.log(`CONTRACT.md: tables of ${CLAUSES.length} clauses, ${loadResources().length} resources and ${CAUSES.length} causes written`);
}
