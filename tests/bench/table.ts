/** The benchmark's table: rows of samples, summarised as median, p95 and max, with their goal. */

export interface Goal {
  readonly at: 'least' | 'most';
  readonly value: number;
  /** The figure the goal is checked on; the median unless said otherwise. */
  readonly on?: 'median' | 'p95';
}

export interface Row {
  /** The scenario; empty for further rows of the same one. */
  readonly group: string;
  readonly measure: string;
  readonly unit: string;
  readonly samples: readonly number[];
  readonly goal?: Goal;
  /** Samples are all frames of all runs (p95 is meaningful), not one figure per run. */
  readonly pooled?: boolean;
  /** The naive floor from the issue, for context. */
  readonly floor?: string;
  /** A figure that is not a set of samples (a count, a share, a figure from another tool): shown as is. */
  readonly text?: string;
  /** The goal of a text row, as text. */
  readonly goalText?: string;
}

export interface Summary {
  readonly group: string;
  readonly measure: string;
  readonly unit: string;
  readonly n: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
  readonly goal?: Goal;
  readonly meets?: boolean;
  readonly floor?: string;
  readonly text?: string;
  readonly goalText?: string;
}

/** Nearest-rank percentile; the median of an even count is the mean of the middle two. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  if (p === 50 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export function summarise(row: Row): Summary {
  const m = median(row.samples);
  const p95 = percentile(row.samples, 95);
  const checked = row.goal?.on === 'p95' ? p95 : m;
  const meets = row.goal && Number.isFinite(checked) ? (row.goal.at === 'least' ? checked >= row.goal.value : checked <= row.goal.value) : undefined;
  return {
    group: row.group,
    measure: row.measure,
    unit: row.unit,
    n: row.samples.length,
    median: m,
    p95,
    max: percentile(row.samples, 100),
    ...(row.goal ? { goal: row.goal, meets } : {}),
    ...(row.floor ? { floor: row.floor } : {}),
    ...(row.text !== undefined ? { text: row.text } : {}),
    ...(row.goalText !== undefined ? { goalText: row.goalText } : {}),
  };
}

function num(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 1 ? 1 : 2);
}

const withUnit = (value: string, unit: string) => (unit && value !== '–' ? `${value} ${unit}` : value);

export function formatTable(rows: readonly Row[]): string {
  const lines = [
    '| Scenario | Measure | Median | p95 | Max | n | Goal | Naive floor |',
    '|---|---|--:|--:|--:|--:|---|---|',
  ];
  for (const row of rows) {
    const s = summarise(row);
    if (row.text !== undefined) {
      lines.push(`| ${[row.group, row.measure, row.text, '', '', '', row.goalText ?? '', row.floor ?? ''].join(' | ')} |`);
      continue;
    }
    const on = s.goal?.on === 'p95' ? 'p95 ' : '';
    const goal = s.goal ? `${on}${s.goal.at === 'least' ? '≥' : '≤'} ${withUnit(num(s.goal.value), s.unit)} ${s.meets ? '✓' : '✗ missed'}` : '';
    const cells = [
      row.group,
      row.measure,
      withUnit(num(s.median), s.unit),
      row.pooled ? num(s.p95) : '',
      s.n > 1 ? num(s.max) : '',
      String(s.n),
      goal,
      row.floor ?? '',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
