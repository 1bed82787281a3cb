// The Action's run step: runs the command from the Action's own folder in the caller's workspace,
// then sets the step's outputs from the report. The reporter itself appends the Markdown summary to
// GITHUB_STEP_SUMMARY and annotates failures (GITHUB_ACTIONS is set on a runner).
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const input = (name) => process.env[`INPUT_${name}`]?.trim() ?? '';
const cli = fileURLToPath(new URL('../bin/mvmnt-conformance.js', import.meta.url));
const reportDir = resolve(input('REPORT_DIR') || 'mvmnt-conformance-reports');

const args = ['--report-dir', reportDir];
if (input('BASE_URL')) args.push('--base-url', input('BASE_URL'));
if (input('EXPECTATIONS')) args.push('--expect', input('EXPECTATIONS'));
if (input('FAMILIES')) args.push('--only', input('FAMILIES'));
if (input('PROFILE')) args.push('--profile', input('PROFILE'));

const run = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
const exitCode = run.status ?? 1;

// Exit 2 (a configuration or preflight error) writes no report: the command said why, and a report
// in the folder is an earlier run's, so the outputs say "error".
let report = null;
try {
  if (exitCode !== 2) report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8'));
} catch {
  // No report at all: the outputs say "error" too.
}
const outputs = {
  verdict: report?.verdict ?? 'error',
  failed: String(report?.summary?.failed ?? ''),
  'report-dir': reportDir,
  profile: report?.profile ?? '',
};
if (process.env.GITHUB_OUTPUT) {
  appendFileSync(process.env.GITHUB_OUTPUT, Object.entries(outputs).map(([name, value]) => `${name}=${value}\n`).join(''));
}
process.exit(exitCode);
