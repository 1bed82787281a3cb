// The package as a user installs it: `npm pack`, installed into an empty folder outside the repository
// (its path has a space) with install scripts refused, then `npx mvmnt-conformance` run there. It must
// pass, write every file under that folder, and nothing inside the installed package.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runProcess } from './support/cli.ts';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Every file under `dir` with its size and modification time, for "nothing changed in here". */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        files[relative(dir, path)] = `${stat.size} ${stat.mtimeMs}`;
      }
    }
  };
  walk(dir);
  return files;
}

describe('the packed package, installed into an empty folder', () => {
  const project = mkdtempSync(join(tmpdir(), 'mvmnt user project '));
  const installed = join(project, 'node_modules', 'mvmnt-conformance');
  let packedFiles: string[] = [];

  beforeAll(async () => {
    const packDir = join(project, 'tarball');
    mkdirSync(packDir);
    const pack = await runProcess(npm, ['pack', '--json', '--pack-destination', packDir], {}, 60_000);
    expect(pack.code, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    packedFiles = packed.files.map((file) => file.path);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
    // From npm's cache where it can (the repository's own install filled it); install scripts
    // refused, as a user's npm may refuse them: the runtime must not need one.
    const install = await runProcess(npm, ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(packDir, packed.filename)], {}, 170_000, project);
    expect(install.code, install.stderr).toBe(0);
  }, 180_000);

  test('the tarball carries what a run needs and none of the development files', () => {
    for (const needed of ['bin/mvmnt-conformance.js', 'cli/main.ts', 'vitest.config.ts', 'runner/global-setup.ts', 'reference-server/index.ts', 'fixtures/contract/clauses.json', 'LICENSE', 'README.md']) {
      expect(packedFiles, needed).toContain(needed);
    }
    const development = packedFiles.filter((path) => /^(self-test|bench|action|\.ci)\//.test(path) || path.startsWith('reference-server/mutants/') || path === 'reference-server/main.ts');
    expect(development).toEqual([]);
  });

  test('npx mvmnt-conformance --version prints the package version', async () => {
    const result = await runProcess(npx, ['mvmnt-conformance', '--version'], {}, 30_000, project);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  test('a run there passes and writes every report under that folder, nothing inside the installed package', async () => {
    const before = snapshot(installed);
    const result = await runProcess(npx, ['mvmnt-conformance', '--only', 'envelope,headers'], {}, 120_000, project);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const reports = readdirSync(join(project, 'reports'));
    expect(reports).toEqual(expect.arrayContaining(['conformance.json', 'conformance.md', 'conformance.html', 'junit.xml', 'history.jsonl']));
    const report = JSON.parse(readFileSync(join(project, 'reports', 'conformance.json'), 'utf8')) as { verdict: string; tool: { version: string } };
    expect(report.verdict).toBe('pass');
    expect(report.tool.version).toBe(version);
    expect(snapshot(installed)).toEqual(before);
    // The ledger is removed after a clean run; nothing else appears beside the user's files.
    expect(readdirSync(project).sort()).toEqual(['node_modules', 'package-lock.json', 'package.json', 'reports', 'tarball']);
  }, 130_000);
});
