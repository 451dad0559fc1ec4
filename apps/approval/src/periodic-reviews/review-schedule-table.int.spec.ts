import { fen } from '@sa/domain-shared';
import { integrationEnv, uniqueName } from '@sa/testing';
import { Pool } from 'pg';
import { type ReviewRow, ReviewScheduleTable, type ScheduledState } from './review-schedule-table';

/** A case's review row: in a village of the given township, due on the day, in a phase. */
function row(id: string, township: string, dueOn: string, phase: ScheduledState['phase'], extra: Partial<ScheduledState> = {}, revision = 0): ReviewRow {
  const household = { householdSize: 3, countedMonthlyIncomeFen: fen(144_300), standardFen: fen(119_000), monthlyAmountFen: fen(212_700) };
  const state: ScheduledState = {
    phase,
    applicationId: id,
    programme: 'dibao',
    region: `${township}001`,
    cycle: 1,
    dueOn,
    basis: { membersAbleToWork: true, irregularIncome: false },
    household,
    lapsed: false,
    ...extra,
  };
  return { applicationId: id, revision, state };
}

describe('review schedule table (real PostgreSQL)', () => {
  const pool = new Pool({ connectionString: integrationEnv().databaseUrl, max: 2 });
  const schema = uniqueName('review_schedule_test');
  const table = new ReviewScheduleTable(pool, schema);

  beforeAll(async () => {
    await table.ensure();
    await table.write(
      [
        row('a', '331002001', '2026-10-01', 'scheduled'),
        row('b', '331002001', '2026-10-01', 'scheduled'),
        row('c', '331002001', '2026-11-01', 'scheduled'),
        row('d', '331002002', '2026-09-01', 'scheduled'),
        row('e', '331002001', '2026-08-01', 'open', { recheckDueBy: '2026-08-21' }),
        row('f', '331002001', '2026-09-01', 'open', { recheckDueBy: '2026-10-20' }),
        row('g', '331002001', '2026-07-01', 'rechecked'),
      ],
      7,
    );
  });
  afterAll(async () => {
    await pool.query(`drop schema "${schema}" cascade`);
    await pool.end();
  });

  it('gives the opening job what is due by today, oldest first, within a region; the lapse job what is past its deadline', async () => {
    expect((await table.due('2026-10-01', 10)).map((s) => s.applicationId)).toEqual(['d', 'a', 'b']);
    expect((await table.due('2026-10-01', 10, '331002001')).map((s) => s.applicationId).sort()).toEqual(['a', 'b']);
    expect(await table.due('2026-08-31', 10)).toEqual([]);
    expect((await table.overdue('2026-10-01', 10)).map((s) => s.applicationId)).toEqual(['e']);
  });

  it('pages a township worklist by due date with a keyset cursor, and filters by status', async () => {
    const first = await table.worklist('331002001', '2026-10-01', undefined, undefined, 2);
    expect(first.map((s) => s.applicationId)).toEqual(['g', 'e']);
    const last = first[1] as ScheduledState;
    const next = await table.worklist('331002001', '2026-10-01', undefined, { dueOn: last.dueOn, id: last.applicationId }, 2);
    expect(next.map((s) => s.applicationId)).toEqual(['f']);
    expect((await table.worklist('331002001', '2026-10-01', 'overdue', undefined, 10)).map((s) => s.applicationId)).toEqual(['e']);
    expect((await table.worklist('331002001', '2026-10-01', 'due', undefined, 10)).map((s) => s.applicationId)).toEqual(['f']);
    expect((await table.worklist('331002002', '2026-10-01', 'upcoming', undefined, 10)).map((s) => s.applicationId)).toEqual(['d']);
  });

  it('keeps a row only moving forward by revision, so a replay changes nothing', async () => {
    await table.write([row('a', '331002001', '2026-10-01', 'open', { recheckDueBy: '2026-10-27' }, 3)], 9);
    await table.write([row('a', '331002001', '2026-10-01', 'scheduled', {}, 1)], 9);
    expect((await table.rows(['a'])).get('a')).toMatchObject({ revision: 3, state: { phase: 'open' } });
    expect(await table.position()).toBe(9);
  });
});
