/** The report a person reads after the run: faults and recoveries, then each invariant with its offenders. */
import { attempts } from './client';
import type { Restart } from './fleet';
import { fmt } from './faults';
import type { Verdict } from './invariants';
import type { RunOutcome } from './run';

const shown = 20;

function list(lines: readonly string[]): string[] {
  const head = lines.slice(0, shown).map((l) => `      - ${l}`);
  return lines.length > shown ? [...head, `      … and ${lines.length - shown} more`] : head;
}

export function renderReport(outcome: RunOutcome, verdicts: readonly Verdict[], restarts: readonly Restart[], totalMs: number): string {
  const lines: string[] = [];
  const stuck = [...outcome.progress.stuck];
  lines.push('', '═══ chaos report ═══');
  lines.push(
    `applications: ${outcome.applications.length} driven to payroll, ${outcome.probes.length} recovery probes; ${stuck.length} stuck; ` +
      `${attempts.failed} request attempts met a fault and were retried; total ${(totalMs / 1000).toFixed(0)} s`,
  );
  lines.push(
    `steps: ${Object.entries(outcome.phaseMs)
      .map(([p, ms]) => `${p} ${fmt(ms)}`)
      .join(', ')}`,
  );
  lines.push('', 'faults and recovery (from the moment the fault was over):');
  for (const f of outcome.faults) {
    const outage = f.outageMs > 0 ? `, outage ${fmt(f.outageMs)}` : '';
    lines.push(
      `  ${f.fault.padEnd(22)} ready ${fmt(f.readyMs).padStart(8)}   pipeline moving ${fmt(f.pipelineMs).padStart(8)}${outage}${f.error ? `   ERROR ${f.error}` : ''}`,
    );
  }
  lines.push('', 'restarts by the harness supervisor:');
  for (const r of restarts)
    lines.push(
      `  ${new Date(r.at).toISOString().slice(11, 19)} ${r.service.padEnd(17)} ${r.injected ? 'killed by the harness' : 'EXITED BY ITSELF'} (${r.cause})`,
    );
  if (restarts.length === 0) lines.push('  none');
  lines.push('', `payroll ${outcome.payrollMonth ?? '(no month: no entitlement was granted)'}:`);
  for (const p of outcome.payrolls)
    lines.push(
      `  ${p.region} ${p.payrollId ?? ''} ${p.instructions} instruction(s)${p.fileLines === undefined ? '' : `, file ${p.fileLines} line(s)`}${p.error ? `   ERROR ${p.error}` : ''}`,
    );
  if (stuck.length > 0) {
    lines.push('', 'applications the journey could not move (first failing step):');
    lines.push(...list(stuck.map(([id, why]) => `${id} ${why}`)));
  }
  lines.push('', 'invariants:');
  for (const v of verdicts) {
    lines.push(`  ${v.ok ? 'PASS' : 'FAIL'}  ${v.invariant}${v.ok ? '' : ` — ${v.failures.length} offender(s)`}`);
    if (!v.ok) lines.push(...list(v.failures));
    if (v.note) lines.push(`        ${v.note}`);
  }
  const failed = verdicts.filter((v) => !v.ok).length;
  lines.push('', failed === 0 ? 'RESULT: every invariant holds' : `RESULT: ${failed} invariant(s) FAILED`);
  return lines.join('\n');
}
