/**
 * Benchmark of the periodic-review queries (not a test: it prints figures). Run from the workspace root
 * against the local PostgreSQL (or DATABASE_URL):
 *
 *   npx tsx apps/approval/bench/periodic-reviews.bench.ts            (BENCH_DOCS=100000 by default)
 *
 * Seeds the review schedule table (review-schedule-table.ts, in a schema of its own, dropped after)
 * with N live cases written through the projection's own write path (not through events), due dates
 * spread over a year in 80 townships, and at 10,000 and each tenfold after it times what a scheduler
 * tick and a township worker read: the opening job's batch (reviews due on or before today, ≤ 500),
 * the lapse job's batch, a tick on a day nothing is due, and a worklist page of 50 in one township.
 * Flat figures while N grows tenfold mean no scan of the caseload. Say the load average beside them.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { fen, addDays } from '@sa/domain-shared';
import { Pool } from 'pg';
import { ReviewScheduleTable, type ReviewRow } from '../src/periodic-reviews/review-schedule-table';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://sa:sa-local-dev@127.0.0.1:55432/social_assistance';
const totalDocs = Number(process.env.BENCH_DOCS ?? 100_000);
const repeat = 20;
const today = '2026-10-01';

async function timed(what: () => Promise<unknown[]>): Promise<{ ms: number; rows: number }> {
  let rows = 0;
  const started = performance.now();
  for (let i = 0; i < repeat; i++) rows = (await what()).length;
  return { ms: (performance.now() - started) / repeat, rows };
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const schema = `review_bench_${Date.now().toString(36)}`;
  const table = new ReviewScheduleTable(pool, schema);
  await table.ensure();
  try {
    let seeded = 0;
    for (let mark = 10_000; mark <= totalDocs; mark *= 10) {
      while (seeded < mark) {
        const chunk = Array.from({ length: Math.min(5_000, mark - seeded) }, (_, i) => rowOf(seeded + i));
        await table.write(chunk, seeded + chunk.length);
        seeded += chunk.length;
      }
      await pool.query(`analyze "${schema}".periodic_review_schedule`);
      const open = await timed(() => table.due(today, 500));
      const lapse = await timed(() => table.overdue(today, 500));
      const idle = await timed(() => table.due('2025-01-01', 500));
      const page = await timed(() => table.worklist('331002001', today, undefined, undefined, 50));
      // How PostgreSQL reads the opening job's batch: an index scan, not a scan of the table.
      const plan = await pool.query<{ 'QUERY PLAN': string }>(
        `explain select state from "${schema}".periodic_review_schedule where phase = 'scheduled' and due_on <= $1 and region >= '' and region < ':' order by due_on, application_id limit 500`,
        ['2025-01-01'],
      );
      console.log(`  plan: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).join(' / ')}`);
      console.log(
        `N=${mark.toLocaleString('en')}  open-job batch ${open.rows} rows ${open.ms.toFixed(1)} ms · lapse-job batch ${lapse.rows} rows ${lapse.ms.toFixed(1)} ms · ` +
          `idle tick ${idle.rows} rows ${idle.ms.toFixed(1)} ms · worklist page ${page.rows} rows ${page.ms.toFixed(1)} ms  (load ${loadavg()[0]?.toFixed(1)})`,
      );
    }
  } finally {
    await pool.query(`drop schema "${schema}" cascade`).catch(() => undefined);
    await pool.end();
  }
}

/** Case n: a village in one of 80 townships, due some day of the coming year; one in 200 open, its re-check due 3 weeks on. */
function rowOf(n: number): ReviewRow {
  const region = `331002${String(1 + (n % 80)).padStart(3, '0')}${String(1 + (n % 7)).padStart(3, '0')}`;
  const dueOn = addDays('2026-04-01', n % 365);
  const open = n % 200 === 0;
  const household = { householdSize: 3, countedMonthlyIncomeFen: fen(144_300), standardFen: fen(119_000), monthlyAmountFen: fen(212_700) };
  return {
    applicationId: randomUUID(),
    revision: 0,
    state: {
      phase: open ? 'open' : 'scheduled',
      applicationId: '',
      programme: 'dibao',
      region,
      cycle: 1,
      dueOn,
      basis: { membersAbleToWork: true, irregularIncome: true },
      household,
      ...(open ? { recheckDueBy: addDays(dueOn, 21) } : {}),
      lapsed: false,
    },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
