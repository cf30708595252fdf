/** Latency percentiles and throughput of one measured run. */
export interface RunFigures {
  label: string;
  operations: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

/** Runs `operation` `total` times with `concurrency` in flight, timing each. */
export async function measure(label: string, total: number, concurrency: number, operation: (i: number) => Promise<void>): Promise<RunFigures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await operation(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { label, operations: total, seconds, perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export function formatRow(f: RunFigures, ceiling?: RunFigures): string {
  const ratio = ceiling ? `  ${(f.perSecond / ceiling.perSecond).toFixed(2)}x ceiling` : '';
  return `${f.label.padEnd(34)} ${f.perSecond.toFixed(0).padStart(6)} ops/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms${ratio}`;
}
