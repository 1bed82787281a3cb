// conformance.html: a minimal page until the full renderer lands.
import type { ReportModel } from './model.ts';

export function renderHtml(model: ReportModel): string {
  return `<!doctype html><meta charset="utf-8"><title>MVMNT conformance</title><pre>${JSON.stringify(model.summary)}</pre>`;
}
