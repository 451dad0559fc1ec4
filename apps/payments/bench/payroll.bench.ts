/**
 * Payroll benchmark, DOMAIN PATH ONLY (said plainly): the pure decider and the file formats run
 * over N entitlements in memory, batch by batch as PayrollRun drives them — start, batches,
 * close; the disbursement file written line by line (to a counter, as to a socket); the bank's
 * result file generated, parsed and imported in 5,000-line chunks, then imported again. No PostgreSQL, MongoDB
 * or Kafka: it measures what the redesign changed (linear fold, no spread, bounded batches), not
 * the servers. Prints seconds, peak RSS and events per step.
 *
 *   npx tsx apps/payments/bench/payroll.bench.ts [N …]   (default 1000 10000 100000 1000000)
 */
import {
  disbursementControlLine,
  disbursementHeaderLine,
  disbursementLine,
  entitlementIdFor,
  nameBasedUuid,
  parseBankResultFile,
  payrollDecider,
  payrollRunId,
  type PaymentInstructionIssued,
  type PayrollCommand,
  type PayrollEntry,
  type PayrollEvent,
  type PayrollState,
} from '@sa/domain-payments';
import { fen, formatYuan } from '@sa/domain-shared';
import '../src/payroll/fast-digest'; // the service's SHA-256 for ids, as in production

const officer = { userId: 'bench', role: 'payments-officer', orgUnit: '331002' } as const;
const batchSize = 1000;
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function entry(i: number): PayrollEntry {
  return {
    entitlementId: entitlementIdFor(nameBasedUuid('bench', String(i))),
    applicationId: nameBasedUuid('bench-app', String(i)),
    programme: 'dibao',
    region: '331002001001',
    monthlyAmountFen: fen(30_000 + (i % 997) * 137),
    startMonth: '2025-03',
    suspensions: [],
    payee: { bankName: '台州银行', accountHolder: '王秀英', accountNumber: `6222${String(i).padStart(12, '0')}` },
  };
}

function apply(state: PayrollState, command: PayrollCommand): { state: PayrollState; events: readonly PayrollEvent[] } {
  const decision = payrollDecider.decide(command, state);
  if (!decision.ok) throw new Error(`${decision.rejection.code}: ${decision.rejection.message}`);
  let next = state;
  for (const e of decision.events) next = payrollDecider.evolve(next, e);
  return { state: next, events: decision.events };
}

function bench(n: number): void {
  const fileLine = (i: PaymentInstructionIssued['data']) => {
    bytes += disbursementLine(i).length;
    total += i.amountFen;
    issuedIds.push(i.instructionId);
    issuedFen.push(i.amountFen);
  };
  const month = '2025-03';
  const payrollId = payrollRunId('331002', month);
  const at = '2025-03-05T09:00:00+08:00';
  // Candidates as the read model lists them: ascending id.
  // (Seeding, untimed: the read model's candidates, in ascending id order.)
  // Only ids and indexes are held; each batch's entries are built when it is read, as the read model pages them.
  const candidates = Array.from({ length: n }, (_, i) => ({ i, id: entry(i).entitlementId })).sort((a, b) => (a.id < b.id ? -1 : 1));
  // What the import needs of each instruction, held compactly (the store keeps the rest).
  const issuedIds: string[] = [];
  const issuedFen: number[] = [];
  let fileSeconds = 0;
  let bytes = disbursementHeaderLine().length;
  let total = 0;
  let t = performance.now();
  let events = 0;
  let s = apply(payrollDecider.initialState, {
    type: 'StartPayroll',
    payrollId,
    region: '331002',
    month,
    batchSize,
    plannedEntitlements: n,
    startedBy: officer,
    startedAt: at,
  });
  for (let b = 0; b * batchSize < n; b++) {
    const entries = candidates.slice(b * batchSize, (b + 1) * batchSize).map((c) => entry(c.i));
    s = apply(s.state, { type: 'IssuePayrollBatch', payrollId, batch: b, entitlements: entries, issuedAt: at });
    // The file is written as the batches are read back (timed apart from the run).
    const f0 = performance.now();
    for (const e of s.events) if (e.type === 'PaymentInstructionIssued') fileLine(e.data);
    fileSeconds += (performance.now() - f0) / 1000;
    events += s.events.length;
    sample();
  }
  s = apply(s.state, { type: 'ClosePayroll', payrollId, closedAt: at });
  const run = { seconds: (performance.now() - t) / 1000 - fileSeconds, events: events + 2 };

  bytes += disbursementControlLine(issuedIds.length, fen(total)).length;
  sample();
  const file = { seconds: fileSeconds, events: 0, bytes };

  t = performance.now();
  // The bank's answer, parsed and imported 5,000 lines at a time (each chunk a file with its control line), then again.
  let state = s.state;
  let imported = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < issuedIds.length; c += 5000) {
      const lines = ['instructionId,result,amountYuan,reasonCode,reasonText,settledAt'];
      let sum = 0;
      for (let k = c; k < Math.min(c + 5000, issuedIds.length); k++) {
        lines.push(`${issuedIds[k]},paid,${formatYuan(fen(issuedFen[k] as number))},,,2025-03-09T15:20:00+08:00`);
        sum += issuedFen[k] as number;
      }
      lines.push(`TOTAL,${lines.length - 1},${sum}`);
      const parsed = parseBankResultFile(lines.join('\r\n'));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
      const r = apply(state, { type: 'ImportBankResults', payrollId, results: parsed.results, importedBy: officer, importedAt: at });
      state = r.state;
      imported += r.events.length;
      sample();
    }
  }
  const reconciled = state.status === 'started' && state.reconciled;
  const importStep = { seconds: (performance.now() - t) / 1000, events: imported };
  const mb = (peakRss / 1024 / 1024).toFixed(0);
  console.log(
    `${String(n).padStart(9)} | run ${run.seconds.toFixed(2)} s, ${run.events} events | file ${file.seconds.toFixed(2)} s, ${(file.bytes / 1e6).toFixed(1)} MB | import×2 ${importStep.seconds.toFixed(2)} s, ${importStep.events} events, reconciled ${reconciled} | peak RSS ${mb} MB`,
  );
}

const sizes = process.argv.slice(2).map(Number);
console.log('payroll benchmark — DOMAIN PATH ONLY (decider, fold, file formats; no servers)');
for (const n of sizes.length > 0 ? sizes : [1_000, 10_000, 100_000, 1_000_000]) bench(n);
