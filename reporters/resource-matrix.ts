// The resource × family matrix of the Markdown and HTML reports: for each family and resource, how
// many of the family's clauses passed, failed or were skipped there.
import { FAMILIES, type Family } from '../fixtures/load.ts';
import type { ReportModel, ResourceStatus } from './model.ts';

export interface MatrixCell {
  passed: number;
  failed: number;
  skipped: number;
}

export interface ResourceMatrix {
  resources: string[];
  rows: { family: Family; cells: MatrixCell[] }[];
}

export function resourceMatrix(model: Pick<ReportModel, 'resources' | 'clauses'>): ResourceMatrix {
  const count = (family: Family, resource: string, status: ResourceStatus) =>
    model.clauses.filter((clause) => clause.family === family && clause.resources[resource] === status).length;
  return {
    resources: model.resources,
    rows: FAMILIES.map((family) => ({
      family,
      cells: model.resources.map((resource) => ({ passed: count(family, resource, 'passed'), failed: count(family, resource, 'failed'), skipped: count(family, resource, 'skipped') })),
    })).filter((row) => row.cells.some((cell) => cell.passed + cell.failed + cell.skipped > 0)),
  };
}

/** A cell in words: "✗ 1 of 4 failed", "✓ 4", "– skipped". */
export function cellText(cell: MatrixCell): string {
  const judged = cell.passed + cell.failed;
  if (cell.failed > 0) return `✗ ${cell.failed} of ${judged} failed`;
  if (judged > 0) return `✓ ${cell.passed}${cell.skipped > 0 ? ` (${cell.skipped} skipped)` : ''}`;
  return cell.skipped > 0 ? '– skipped' : '';
}
