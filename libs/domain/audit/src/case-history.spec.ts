import { assembleCaseHistory, summariseCase, timelineEntry } from './case-history';
import { HistoryWriter, people, writeDibaoCase } from './test-support/histories';

describe('case history (one case across five services)', () => {
  it('keeps only the case’s events from shared streams, in record order, with its members’ county facts apart', () => {
    // Given two cases, both paid by one payroll run (a shared stream)
    const w = new HistoryWriter();
    const mine = writeDibaoCase(w);
    const other = writeDibaoCase(w);
    w.add(
      'payments',
      'payroll-shared',
      'PayrollStarted',
      { payrollId: 'shared', region: '331002', month: '2025-06', instructionCount: 2 },
      people.paymentsOfficer,
      '2025-06-05T01:00:00.000Z',
    );
    for (const c of [mine, other]) {
      w.add(
        'payments',
        'payroll-shared',
        'PaymentInstructionIssued',
        { payrollId: 'shared', instructionId: `i-${c.applicationId}`, applicationId: c.applicationId, month: '2025-06', amountFen: 212_700 },
        people.paymentsOfficer,
        '2025-06-05T01:00:00.000Z',
      );
    }
    // When the history of one is assembled from everything read
    const history = assembleCaseHistory(mine.applicationId, [...w.events].reverse());
    // Then its events come in record order, none of the other case's, and the payroll header is not the case's
    expect(history.events.every((e) => JSON.stringify(e.data).includes(mine.applicationId))).toBe(true);
    expect(history.events.map((e) => e.type)).toEqual([
      'ApplicationSubmitted',
      'ApplicationAmended',
      'CheckRequested',
      'DepartmentDataCollected',
      'HouseholdEconomicStatusAssessed',
      'CheckCompleted',
      'CaseOpened',
      'TownshipReviewCompleted',
      'PublicNoticePosted',
      'ObjectionLodged',
      'ObjectionResolved',
      'CaseApproved',
      'ApplicationClosed',
      'EntitlementGranted',
      'PaymentInstructionIssued',
      'PaymentSucceeded',
      'PaymentInstructionIssued',
    ]);
    expect(history.departmentData.map((e) => [e.type, timelineEntry(e).summary])).toEqual([
      ['WageRecordReported', 'wage for 2025-01 from 台州某包装厂: 1800.00 yuan'],
    ]);
    expect(summariseCase(history)).toMatchObject({
      applicationId: mine.applicationId,
      programme: 'dibao',
      region: '331002001001',
      sources: ['intake', 'verification', 'approval', 'payments'],
    });
  });

  it('orders events recorded at the same instant by the flow of the services, then by position', () => {
    const w = new HistoryWriter();
    const at = '2025-03-03T01:00:00.000Z';
    w.add('payments', 'p', 'B', { applicationId: 'a' }, people.paymentsOfficer, at);
    w.add('intake', 'i', 'A', { applicationId: 'a' }, people.intakeWorker, at);
    w.add('intake', 'i', 'A2', { applicationId: 'a' }, people.intakeWorker, at);
    expect(assembleCaseHistory('a', w.events).events.map((e) => e.type)).toEqual(['A', 'A2', 'B']);
  });

  it('says who acted, why, and under which standard and rule trace the check counted income', () => {
    const w = new HistoryWriter();
    const planted = writeDibaoCase(w);
    const history = assembleCaseHistory(planted.applicationId, w.events);
    const entries = history.events.map(timelineEntry);
    const completed = entries.find((e) => e.type === 'CheckCompleted');
    expect(completed?.ruleBasis).toMatchObject({ policyId: 'taizhou-2025', standardFen: 119_000, countedMonthlyIncomeFen: 144_300, departmentFactsSeen: 1 });
    expect(completed?.ruleBasis?.ruleTrace).toHaveLength(2);
    const review = entries.find((e) => e.type === 'TownshipReviewCompleted');
    expect(review).toMatchObject({ actor: people.reviewer, summary: 'township review (审核): recommends approve' });
    // A system recording a person's act names the person.
    expect(entries.find((e) => e.type === 'CaseOpened')?.actor).toEqual(people.approvalSystem);
  });

  it('shows the reason a command carried', () => {
    const w = new HistoryWriter();
    w.add(
      'intake',
      'application-a',
      'ApplicationWithdrawn',
      { applicationId: 'a', reason: 'household found work', withdrawnBy: people.intakeWorker, withdrawnAt: '2025-03-04T00:00:00.000Z' },
      people.intakeWorker,
      '2025-03-04T00:00:00.000Z',
    );
    w.add(
      'approval',
      'case-a',
      'CaseRejected',
      {
        applicationId: 'a',
        reasons: [{ code: 'income-above-standard', message: 'per-capita income not below the standard' }],
        rejectedBy: people.countyApprover,
      },
      people.countyApprover,
      '2025-03-05T00:00:00.000Z',
    );
    const [withdrawn, rejected] = assembleCaseHistory('a', w.events).events.map(timelineEntry);
    expect(withdrawn?.reason).toBe('household found work');
    expect(rejected?.reason).toBe('per-capita income not below the standard');
  });
});

describe('a temporary-assistance case (临时救助) in the audit', () => {
  it('is joined by its caseId and kept to the region of its emergency', () => {
    // Given a temporary case taken in a Jiaojiang village for someone with a Henan hukou, and its urgent draw at payments
    const w = new HistoryWriter();
    const caseId = 'ta-case-1';
    w.add(
      'intake',
      `temporary-assistance-${caseId}`,
      'TemporaryAssistanceApplied',
      { caseId, emergencyLocation: '331002001005', township: '331002001', applicant: { name: '李明', hukouRegion: '410783' } },
      people.intakeWorker,
      '2026-03-16T01:00:00.000Z',
    );
    w.add(
      'payments',
      'reserve-fund-331002001',
      'ReserveFundDrawn',
      { caseId, township: '331002001', amountFen: 80_000 },
      people.paymentsOfficer,
      '2026-03-16T02:00:00.000Z',
    );
    // When its history is assembled
    const history = assembleCaseHistory(caseId, [...w.events]);
    // Then both services' events are the case's, and its region is the place of emergency
    expect(history.events.map((e) => `${e.source}:${e.type}`)).toEqual(['intake:TemporaryAssistanceApplied', 'payments:ReserveFundDrawn']);
    expect(summariseCase(history).region).toBe('331002001005');
  });
});
