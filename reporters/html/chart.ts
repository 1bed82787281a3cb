// The history chart of the HTML report: passed and failed clauses per run as stacked bars, drawn
// as inline SVG at render time so the page needs no script or library to show it.
import type { ReportModel } from '../model.ts';
import { escapeHtml } from './escape.ts';

export interface ChartRun {
  runId: string;
  startedAt: string;
  passed: number;
  failed: number;
  verdict: 'pass' | 'fail';
  current: boolean;
}

const WIDTH = 1100;
const HEIGHT = 270;
// The right margin leaves room for half of the current run's centred date label.
const MARGIN = { top: 24, right: 40, bottom: 58, left: 56 };
const MAX_X_LABELS = 10;

/** The runs of model.history, oldest first, then the current run. */
export function chartRuns(model: ReportModel): ChartRun[] {
  const previous = model.history.map((entry) => ({
    runId: entry.runId,
    startedAt: entry.startedAt,
    passed: entry.counts.passed,
    failed: entry.counts.failed,
    verdict: entry.verdict,
    current: false,
  }));
  const { passed, failed } = model.summary;
  return [...previous, { runId: model.runId, startedAt: model.startedAt, passed, failed, verdict: model.verdict, current: true }];
}

export function renderChart(model: ReportModel): string {
  const runs = chartRuns(model);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { top, step } = yScale(Math.max(...runs.map((run) => run.passed + run.failed)));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / runs.length;
  const barWidth = Math.min(44, slot * 0.7);
  // Labels are counted back from the current run so that it is always labelled.
  const labelEvery = Math.ceil(runs.length / MAX_X_LABELS);

  const grid: string[] = [];
  for (let value = 0; value <= top; value += step) {
    grid.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${num(y(value))}" y2="${num(y(value))}"/>`,
      `<text class="tick" x="${MARGIN.left - 8}" y="${num(y(value) + 4)}" text-anchor="end">${value}</text>`,
    );
  }

  const bars = runs.map((run, index) => {
    const x = MARGIN.left + slot * index + (slot - barWidth) / 2;
    const center = num(x + barWidth / 2);
    const passedTop = y(run.passed);
    const failedTop = y(run.passed + run.failed);
    const when = shortDate(run.startedAt);
    const tooltip = `${longDate(run.startedAt)}${run.current ? ' (this run)' : ''}: ${run.passed} passed, ${run.failed} failed, ${run.verdict.toUpperCase()}`;
    const parts = [
      `<g class="run${run.current ? ' current' : ''}" data-run-id="${escapeHtml(run.runId)}" data-passed="${run.passed}" data-failed="${run.failed}">`,
      `<title>${escapeHtml(tooltip)}</title>`,
      `<rect class="bar-passed" x="${num(x)}" y="${num(passedTop)}" width="${num(barWidth)}" height="${num(y(0) - passedTop)}"/>`,
      `<rect class="bar-failed" x="${num(x)}" y="${num(failedTop)}" width="${num(barWidth)}" height="${num(passedTop - failedTop)}"/>`,
    ];
    if (run.failed > 0 && slot >= 22) {
      parts.push(`<text class="bar-count" x="${center}" y="${num(failedTop - 5)}" text-anchor="middle">${run.failed}</text>`);
    }
    if ((runs.length - 1 - index) % labelEvery === 0) {
      parts.push(`<text class="tick" x="${center}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${escapeHtml(when)}</text>`);
      if (run.current) parts.push(`<text class="tick current-label" x="${center}" y="${HEIGHT - MARGIN.bottom + 30}" text-anchor="middle">this run</text>`);
    }
    parts.push('</g>');
    return parts.join('');
  });

  const description = runs.length === 1
    ? 'Only the current run: there is no earlier run against this target yet.'
    : `${runs.length} runs against this target, oldest first, the current run last.`;
  return [
    `<svg id="history-chart" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="chart-title">Passed and failed clauses per run</title>`,
    `<desc id="chart-desc">${escapeHtml(description)}</desc>`,
    ...grid,
    `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${num(y(0))}" y2="${num(y(0))}"/>`,
    `<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${num(y(0))}"/>`,
    ...bars,
    `<text class="axis-label" x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 6}" text-anchor="middle">Run (start time, UTC)</text>`,
    `<text class="axis-label" transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">Clauses</text>`,
    '</svg>',
  ].join('\n');
}

/** A round top of the y axis and a step that gives about five grid lines. */
function yScale(max: number): { top: number; step: number } {
  const rough = Math.max(max, 1) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!);
  return { top: Math.max(step, Math.ceil(max / step) * step), step };
}

/** "2025-11-22 08:58 UTC" from an ISO timestamp; the text itself when it is not one. */
export function longDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "11-22 08:58": an axis label, the year and zone left to the tooltip and the axis title. */
function shortDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 16) : date.toISOString().slice(5, 16).replace('T', ' ');
}

function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}
