// Reads a conformance.json for `compare`, refusing anything that is not one with a single line: a
// truncated or hand-edited file must end the command with exit 2, never with a stack trace.
import { readFileSync } from 'node:fs';
import type { ReportModel } from '../model.ts';

export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
}

export function readReport(file: string): ReportModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReportFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new ReportFileError(`${file} is not JSON (${(error as Error).message}); is it a whole conformance.json?`);
  }
  const problem = shapeProblem(report);
  if (problem) throw new ReportFileError(`${file} is not a conformance report: ${problem}`);
  return report as ReportModel;
}

function shapeProblem(report: unknown): string | undefined {
  if (!report || typeof report !== 'object' || Array.isArray(report)) return 'not a JSON object';
  const { clauses, target, tool, startedAt } = report as Record<string, unknown>;
  if (!Array.isArray(clauses)) return 'it has no clauses array';
  const bad = clauses.findIndex((clause) => !clause || typeof (clause as { id?: unknown }).id !== 'string' || typeof (clause as { status?: unknown }).status !== 'string');
  if (bad >= 0) return `clauses[${bad}] has no id or status`;
  if (!target || typeof (target as { baseUrl?: unknown }).baseUrl !== 'string') return 'it has no target.baseUrl';
  if (!tool || typeof (tool as { version?: unknown }).version !== 'string') return 'it has no tool.version';
  if (typeof startedAt !== 'string') return 'it has no startedAt';
  return undefined;
}
