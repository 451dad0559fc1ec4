/** Small helpers the benchmark scripts share: percentiles, a payload like a real case event, and printing. */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)];
}

export function latencySummary(latenciesMs: number[]): { p50: number; p99: number; max: number; count: number } {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? Number.NaN), count: sorted.length };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** About 600 bytes of JSON, the size of a payment or review event. */
export function benchPayload(sequence: number, caseId: string): Record<string, unknown> {
  return {
    applicationId: caseId,
    sequence,
    payrollId: randomUUID(),
    instructionId: randomUUID(),
    region: '330102001001',
    month: '2025-04',
    amountFen: 242_700,
    note: 'x'.repeat(300),
    sentAt: 0,
  };
}

export function benchHeaders(id: string): Record<string, string> {
  return {
    ce_specversion: '1.0',
    ce_id: id,
    ce_source: '/sa/bench',
    ce_type: 'sa.bench.payment-issued',
    ce_time: new Date().toISOString(),
    ce_dataschema: 'urn:sa:contract:sa.bench.payment-issued:v1',
    'content-type': 'application/json',
    ce_correlationid: id,
  };
}

export function machineNote(): string {
  return `node ${process.version}, ${cpus().length} CPU (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}
