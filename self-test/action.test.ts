// The GitHub Action, as far as it can run here: action.yml parses, every input it documents reaches a
// step and every input a step reads is documented, and its run step, run as the runner would (its
// env filled from the inputs, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), judges a target and sets
// the outputs the Action declares.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startReferenceServer } from '../reference-server/index.ts';
import { mutantByName } from '../reference-server/mutants/index.ts';
import { ROOT, runProcess } from './support/cli.ts';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const runStep = action.runs.steps.find((step) => step.id === 'run')!;
const INPUT_EXPRESSION = /\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g;

/** The run step as the runner starts it: its env with each `${{ inputs.x }}` replaced by the input's value or default. */
async function runTheStep(inputs: Record<string, string>, env: Record<string, string> = {}, before: (workspace: string) => void = () => undefined) {
  const workspace = mkdtempSync(join(tmpdir(), 'mvmnt-action-workspace-'));
  before(workspace);
  const githubOutput = join(workspace, 'github-output');
  const stepSummary = join(workspace, 'step-summary.md');
  writeFileSync(githubOutput, '');
  writeFileSync(stepSummary, '');
  const stepEnv = Object.fromEntries(Object.entries(runStep.env ?? {}).map(([name, value]) => [name, value.replace(INPUT_EXPRESSION, (_, input: string) => inputs[input] ?? action.inputs[input]?.default ?? '')]));
  const result = await runProcess('bash', ['-c', runStep.run!], {
    ...stepEnv,
    ...env,
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_OUTPUT: githubOutput,
    GITHUB_STEP_SUMMARY: stepSummary,
  }, 120_000, workspace);
  const outputs = Object.fromEntries(readFileSync(githubOutput, 'utf8').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  return { result, outputs, summary: readFileSync(stepSummary, 'utf8'), workspace };
}

describe('action.yml', () => {
  test('is a composite action that sets up Node, installs the package and runs it', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.some((step) => step.uses?.startsWith('actions/setup-node@'))).toBe(true);
    expect(action.runs.steps.some((step) => /npm ci\b/.test(step.run ?? '') && step['working-directory'] === '${{ github.action_path }}')).toBe(true);
    expect(runStep.run).toContain('action/run.mjs');
  });

  test('uses every input it documents, documents every input it uses, and takes no credentials as inputs', () => {
    const stepsText = JSON.stringify(action.runs.steps);
    const used = new Set([...stepsText.matchAll(INPUT_EXPRESSION)].map((match) => match[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toMatch(/\S/);
    expect(Object.keys(action.inputs).filter((name) => /secret|token|password|client-id/i.test(name))).toEqual([]);
  });

  test('declares verdict, failed, report-dir and profile, each from the run step', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['failed', 'profile', 'report-dir', 'verdict']);
    for (const [name, output] of Object.entries(action.outputs)) expect(output.value).toBe(`\${{ steps.run.outputs.${name} }}`);
  });
});

describe('the run step', () => {
  test('on the embedded server: exit 0, verdict pass under the gate profile (the default), the reports in the workspace, the summary appended', async () => {
    const { result, outputs, summary, workspace } = await runTheStep({ families: 'envelope,headers', 'report-dir': 'gate-reports' });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(outputs).toEqual({ verdict: 'pass', failed: '0', 'report-dir': join(workspace, 'gate-reports'), profile: 'gate' });
    expect(JSON.parse(readFileSync(join(workspace, 'gate-reports', 'conformance.json'), 'utf8')).verdict).toBe('pass');
    expect(readFileSync(join(workspace, 'gate-reports', 'junit.xml'), 'utf8')).toContain('mvmnt-conformance (gate profile)');
    expect(summary).toContain('# MVMNT conformance: PASS');
    expect(summary).toContain('Profile: gate');
  }, 130_000);

  test('a configuration error after an earlier run in the same folder: exit 2 and verdict error, never the earlier verdict', async () => {
    const earlierRun = (workspace: string) => {
      mkdirSync(join(workspace, 'mvmnt-conformance-reports'));
      writeFileSync(join(workspace, 'mvmnt-conformance-reports', 'conformance.json'), JSON.stringify({ verdict: 'pass', summary: { failed: 0 } }));
    };
    const { result, outputs } = await runTheStep({ 'base-url': 'not a url' }, {}, earlierRun);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(2);
    expect(outputs).toMatchObject({ verdict: 'error', failed: '' });
  }, 60_000);

  const server = startReferenceServer({ mutant: mutantByName('openapi-flat-envelope') });
  afterAll(async () => (await server).close());

  test('on a target that breaks the envelope: exit 1, verdict fail, the failed count, annotations and the summary', async () => {
    const target = await server;
    const [client] = target.clients;
    const { result, outputs, summary } = await runTheStep(
      { 'base-url': target.baseUrl, families: 'envelope', profile: 'full' },
      { MVMNT_CLIENT_ID: client.id, MVMNT_CLIENT_SECRET: client.secret, MVMNT_TOKEN_URL: target.tokenUrl },
    );
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(1);
    expect(outputs.verdict).toBe('fail');
    expect(outputs.profile).toBe('full');
    expect(Number(outputs.failed)).toBeGreaterThan(0);
    expect(result.stdout).toContain('::error');
    expect(summary).toContain('ERR-ENV-SHAPE');
  }, 130_000);
});
