/**
 * How the township reserve fund's fold grows with its ledger: `npx tsx libs/domain/temporary-assistance/bench/reserve-fund.bench.ts`.
 * Prints the time to fold N entries and to decide one more draw. A fund sees dozens to hundreds of
 * entries a year (Zhuzhou: 19,860 temporary-assistance person-times a year over ~100 townships).
 */
import { fen, fold, type Actor } from '@sa/domain-shared';
import { reserveFundDecider, type ReserveFundEvent } from '../src';

const county: Actor = { userId: 'pay', role: 'payments-officer', orgUnit: '331002' };
const township: Actor = { userId: 'town', role: 'township-reviewer', orgUnit: '331002001' };

function ledger(entries: number): ReserveFundEvent[] {
  const events: ReserveFundEvent[] = [];
  let balance = 0;
  for (let i = 0; i < entries; i++) {
    if (i % 2 === 0) {
      balance += 100_000;
      events.push({
        type: 'ReserveFundAllocated',
        data: {
          township: '331002001',
          allocationId: `a-${i}`,
          amountFen: fen(100_000),
          balanceAfterFen: fen(balance),
          allocatedBy: county,
          allocatedAt: '2026-01-01T00:00:00Z',
        },
      });
    } else {
      balance -= 50_000;
      events.push({
        type: 'ReserveFundDrawn',
        data: {
          township: '331002001',
          drawId: `d-${i}`,
          caseId: `c-${i}`,
          amountFen: fen(50_000),
          balanceAfterFen: fen(balance),
          method: 'cash',
          payee: { name: 'x' },
          drawnBy: township,
          drawnAt: '2026-01-01T00:00:00Z',
          policyId: 'p',
        },
      });
    }
  }
  return events;
}

for (const n of [100, 1_000, 10_000, 50_000]) {
  const events = ledger(n);
  const started = process.hrtime.bigint();
  const state = fold(reserveFundDecider, events);
  const folded = Number(process.hrtime.bigint() - started) / 1e6;
  const decision = reserveFundDecider.decide(
    {
      type: 'DrawFromReserveFund',
      township: '331002001',
      drawId: 'new',
      caseId: 'new',
      amountFen: fen(10_000),
      method: 'cash',
      payee: { name: 'x' },
      drawnBy: township,
      drawnAt: '2026-01-02T00:00:00Z',
      urgentAdvanceMaxFen: fen(100_000),
      policyId: 'p',
      caseTownship: '331002001',
    },
    state,
  );
  console.log(
    `${String(n).padStart(6)} entries: fold ${folded.toFixed(1)} ms (${((folded * 1000) / n).toFixed(2)} µs/entry), next draw ${decision.ok ? 'accepted' : decision.rejection.code}`,
  );
}
