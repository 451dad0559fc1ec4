import { fen, given as givenEvents, type Actor } from '@sa/domain-shared';
import type { DecideReview, OpenReview, RecordRecheck, ScheduleFirstReview } from './commands';
import { periodicReviewDecider } from './decider';
import type { PeriodicReviewEvent } from './events';
import type { RecheckFindings, ReviewTerms } from './values';

const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
const actors = {
  system: { userId: 'approval-service', role: 'county-system', orgUnit: '330102' },
  worker: { userId: 'u-inv-0031', role: 'investigator', orgUnit: '330102001' },
  reviewer: { userId: 'u-town-0007', role: 'township-reviewer', orgUnit: '330102001' },
  otherTownship: { userId: 'u-town-0101', role: 'township-reviewer', orgUnit: '330102002' },
  county: { userId: 'u-county-0002', role: 'county-approver', orgUnit: '330102' },
} satisfies Record<string, Actor>;
const terms: ReviewTerms = {
  policyId: 'taizhou-2025',
  stableIntervalMonths: 12,
  variableIntervalMonths: 6,
  recheckDueWorkingDays: 5,
  gradualExitMonths: 6,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  adjustedWorkingDays: ['2026-10-10'],
  intervalsSource: 'seed 001',
  recheckDueSource: 'illustrative',
};
// A household of three: 3 × 1,190.00 − 1,443.00 counted = 2,127.00 a month; a member works.
const household = { householdSize: 3, countedMonthlyIncomeFen: fen(144_300), standardFen: fen(119_000), monthlyAmountFen: fen(212_700) };
const schedule: ScheduleFirstReview = {
  type: 'ScheduleFirstReview',
  applicationId,
  programme: 'dibao',
  region: '330102001001',
  benefitStartMonth: '2026-04',
  household,
  basis: { membersAbleToWork: true, irregularIncome: true },
  terms,
  scheduledBy: actors.system,
  scheduledAt: '2026-03-20T10:00:00+08:00',
};
const open: OpenReview = { type: 'OpenReview', applicationId, today: '2026-10-01', terms, openedBy: actors.system, openedAt: '2026-10-01T09:00:00+08:00' };
const findings = (overrides: Partial<RecheckFindings> = {}): RecheckFindings => ({
  householdSize: 3,
  countedMonthlyIncomeFen: fen(144_300),
  standardFen: fen(119_000),
  incomeFromEmployment: false,
  basis: { membersAbleToWork: true, irregularIncome: true },
  findings: '入户核查：家庭成员、收入无变化',
  ...overrides,
});
const recheck = (overrides: Partial<RecheckFindings> = {}): RecordRecheck => ({
  type: 'RecordRecheck',
  applicationId,
  recheck: findings(overrides),
  terms,
  recordedBy: actors.worker,
  recordedAt: '2026-10-09T15:00:00+08:00',
});
const decide = (outcome: DecideReview['outcome'], decidedBy: Actor = actors.reviewer): DecideReview => ({
  type: 'DecideReview',
  applicationId,
  outcome,
  reasons: [{ code: 'review-finding', message: '依核查结果' }],
  terms,
  decidedBy,
  decidedAt: '2026-10-12T10:00:00+08:00',
});

/** given / when / then, where `thenMatches` compares the events' named fields only. */
function given(events: readonly PeriodicReviewEvent[]) {
  return {
    when(command: Parameters<typeof periodicReviewDecider.decide>[0]) {
      const outcome = givenEvents(periodicReviewDecider, events).when(command);
      return {
        thenRejects: (code: string) => outcome.thenRejects(code),
        thenMatches: (expected: readonly object[]) => expect(outcome.decision).toMatchObject({ ok: true, events: expected }),
      };
    },
  };
}

function history(...commands: Parameters<typeof periodicReviewDecider.decide>[0][]): PeriodicReviewEvent[] {
  let state = periodicReviewDecider.initialState;
  const events: PeriodicReviewEvent[] = [];
  for (const command of commands) {
    const decision = periodicReviewDecider.decide(command, state);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.rejection.code}`);
    for (const e of decision.events) state = periodicReviewDecider.evolve(state, e);
    events.push(...decision.events);
  }
  return events;
}
const scheduled = () => history(schedule);
const opened = () => history(schedule, open);
const rechecked = (overrides: Partial<RecheckFindings> = {}) => history(schedule, open, recheck(overrides));

describe('periodic review (定期核查): when it falls due', () => {
  it('schedules a household with a member able to work six months after the benefit starts, with the rule and policy', () => {
    given([])
      .when(schedule)
      .thenMatches([
        { type: 'PeriodicReviewScheduled', data: { cycle: 1, dueOn: '2026-10-01', cadence: 'six-monthly', intervalMonths: 6, policyId: 'taizhou-2025' } },
      ]);
  });

  it('schedules extreme poverty and a stable dibao household yearly', () => {
    given([])
      .when({ ...schedule, programme: 'extreme-poverty' })
      .thenMatches([{ data: { dueOn: '2027-04-01', cadence: 'yearly' } }]);
    given([])
      .when({ ...schedule, basis: { membersAbleToWork: false, irregularIncome: false } })
      .thenMatches([{ data: { dueOn: '2027-04-01', cadence: 'yearly' } }]);
  });

  it('schedules the first review once (a redelivered approval)', () => {
    given(scheduled()).when(schedule).thenRejects('PERIODIC_REVIEW_ALREADY_SCHEDULED');
  });

  it('opens only when due, once, with a re-check deadline in working days across the National Day holiday', () => {
    given(scheduled())
      .when({ ...open, today: '2026-09-30' })
      .thenRejects('PERIODIC_REVIEW_NOT_DUE');
    // 1 Oct + 5 working days: 2, 5, 6, 7 Oct are holidays, 3–4 the weekend, 10 Oct (Sat) a 调休 working day → 8, 9, 10, 12, 13 Oct
    given(scheduled())
      .when(open)
      .thenMatches([{ type: 'PeriodicReviewOpened', data: { cycle: 1, openedOn: '2026-10-01', recheckDueBy: '2026-10-13' } }]);
    given(opened()).when(open).thenRejects('PERIODIC_REVIEW_ALREADY_OPEN');
  });

  it('lapses after the re-check deadline, suspending from the next month, and not before', () => {
    const lapse = { type: 'LapseReview', applicationId, lapsedBy: actors.system } as const;
    given(opened())
      .when({ ...lapse, today: '2026-10-13', lapsedAt: '2026-10-13T12:00:00+08:00' })
      .thenRejects('PERIODIC_REVIEW_NOT_OVERDUE');
    given(opened())
      .when({ ...lapse, today: '2026-10-14', lapsedAt: '2026-10-14T01:00:00+08:00' })
      .thenMatches([{ type: 'PeriodicReviewLapsed', data: { suspendFromMonth: '2026-11', reasons: [{ code: 'review-overdue' }] } }]);
  });
});

describe('periodic review: the re-check and the decision', () => {
  it('is re-checked by a worker of the area only once the review is open', () => {
    given(scheduled()).when(recheck()).thenRejects('PERIODIC_REVIEW_NOT_OPEN');
    given(opened())
      .when({ ...recheck(), recordedBy: actors.otherTownship })
      .thenRejects('OUTSIDE_JURISDICTION');
    given(opened())
      .when(recheck())
      .thenMatches([{ type: 'PeriodicRecheckRecorded', data: { proposal: { outcome: 'continue', monthlyAmountFen: 212_700 } } }]);
  });

  it('proposes a new amount when income changed, a gradual exit when work lifts income to the standard, termination otherwise', () => {
    given(opened())
      .when(recheck({ countedMonthlyIncomeFen: fen(100_000) }))
      .thenMatches([{ data: { proposal: { outcome: 'change-amount', monthlyAmountFen: 257_000 } } }]);
    given(opened())
      .when(recheck({ countedMonthlyIncomeFen: fen(400_000), incomeFromEmployment: true }))
      .thenMatches([{ data: { proposal: { outcome: 'start-gradual-exit', monthlyAmountFen: 0, perCapitaMonthlyIncomeFen: 133_333 } } }]);
    given(opened())
      .when(recheck({ countedMonthlyIncomeFen: fen(357_000) }))
      .thenMatches([{ data: { proposal: { outcome: 'terminate' } } }]);
  });

  it('is decided by someone other than who re-checked, a township reviewer or the county', () => {
    const sameWorker = { ...actors.worker, role: 'township-reviewer' } as const;
    given(history(schedule, open, { ...recheck(), recordedBy: sameWorker }))
      .when(decide('continue', sameWorker))
      .thenRejects('SEGREGATION_OF_DUTIES');
    given(rechecked()).when(decide('continue', actors.worker)).thenRejects('ROLE_NOT_ALLOWED');
    given(rechecked()).when(decide('continue', actors.otherTownship)).thenRejects('OUTSIDE_JURISDICTION');
    given(rechecked())
      .when(decide('continue', actors.county))
      .thenMatches([{ type: 'PeriodicReviewDecided', data: { outcome: 'continue' } }, { type: 'PeriodicReviewScheduled' }]);
  });

  it('continues from next month and schedules the next review at the interval the household now calls for', () => {
    given(history(schedule, open, recheck({ basis: { membersAbleToWork: false, irregularIncome: false } })))
      .when(decide('continue'))
      .thenMatches([
        {
          type: 'PeriodicReviewDecided',
          data: { outcome: 'continue', effectiveMonth: '2026-11', resumesSuspension: false, policyId: 'taizhou-2025', recheckedBy: actors.worker },
        },
        { type: 'PeriodicReviewScheduled', data: { cycle: 2, dueOn: '2027-10-01', cadence: 'yearly' } },
      ]);
  });

  it('starts the gradual exit with the policy months and schedules no further review', () => {
    given(rechecked({ countedMonthlyIncomeFen: fen(400_000), incomeFromEmployment: true }))
      .when(decide('start-gradual-exit'))
      .thenMatches([{ type: 'PeriodicReviewDecided', data: { outcome: 'start-gradual-exit', gradualExitMonths: 6, effectiveMonth: '2026-11' } }]);
  });

  it('refuses to pay on against its own re-check, but may suspend or terminate with reasons', () => {
    given(rechecked({ countedMonthlyIncomeFen: fen(100_000) }))
      .when(decide('continue'))
      .thenRejects('OUTCOME_CONTRADICTS_RECHECK');
    given(rechecked()).when(decide('start-gradual-exit')).thenRejects('OUTCOME_CONTRADICTS_RECHECK');
    given(rechecked())
      .when({ ...decide('terminate'), reasons: [] })
      .thenRejects('REASON_REQUIRED');
    given(rechecked())
      .when(decide('suspend'))
      .thenMatches([{ data: { outcome: 'suspend' } }, { type: 'PeriodicReviewScheduled', data: { cycle: 2 } }]);
  });

  it('resumes a review that lapsed when a late re-check lets the household keep its benefit', () => {
    const lapsed = history(
      schedule,
      open,
      { type: 'LapseReview', applicationId, today: '2026-10-14', lapsedBy: actors.system, lapsedAt: '2026-10-14T09:00:00+08:00' },
      { ...recheck(), recordedAt: '2026-11-03T10:00:00+08:00' },
    );
    given(lapsed)
      .when({ ...decide('continue'), decidedAt: '2026-11-05T10:00:00+08:00' })
      .thenMatches([{ data: { outcome: 'continue', effectiveMonth: '2026-12', resumesSuspension: true } }, { type: 'PeriodicReviewScheduled' }]);
  });

  it('closes the case after termination: no later review', () => {
    const closed = history(schedule, open, recheck({ countedMonthlyIncomeFen: fen(357_000) }), decide('terminate'));
    given(closed).when(open).thenRejects('PERIODIC_REVIEW_CLOSED');
  });
});
