/** The bench's statistics and its result rows, shared by its phases (run.ts, scale.ts). */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
export const median = (samples: readonly number[]) => percentile(samples, 50);
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface Row {
  metric: string;
  value: string;
  target: string;
  pass: boolean | null;
  data: Record<string, unknown>;
}
export const rows: Row[] = [];
export const notes: string[] = [];
export function row(metric: string, value: string, target: string, pass: boolean | null, data: Record<string, unknown> = {}): void {
  rows.push({ metric, value, target, pass, data });
  process.stderr.write(`  ${metric}: ${value}\n`);
}
export const ms = (value: number) => `${round(value, value < 10 ? 2 : 1)} ms`;
export const p50p99 = (samples: number[]) => `p50 ${ms(percentile(samples, 50))} · p99 ${ms(percentile(samples, 99))} (n=${samples.length})`;
