// Reads a conformance.json for `compare`, refusing anything that is not one with a single line: a
// truncated or hand-edited file must end the command with exit 2, never with a stack trace.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { ReportModel } from '../model.ts';
import { COMPARED_REPORT_SCHEMA } from './report-schema.ts';

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

// Compiled on first use: every start of the command loads this module, and only `compare` needs it.
let validate: ValidateFunction | undefined;

function shapeProblem(report: unknown): string | undefined {
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(COMPARED_REPORT_SCHEMA);
  if (validate(report)) return undefined;
  const [error] = validate.errors ?? [];
  return error ? `${error.instancePath || 'the report'} ${error.message}` : 'it does not have the shape of one';
}
