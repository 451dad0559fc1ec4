import { detectFindings, detectInCase } from './detect';
import { HistoryWriter, historyOf, people, residentId, writeDibaoCase } from '../test-support/histories';

const townshipOfficial = { userId: 'zhou.hua', role: 'township-reviewer', orgUnit: '331002001' } as const;

describe('findings (pure detectors over case histories)', () => {
  it('finds nothing in a clean case that went through all five services', () => {
    // Given a dibao case taken, checked, reviewed, noticed, confirmed by the county after the notice, and paid
    const w = new HistoryWriter();
    const clean = writeDibaoCase(w);
    // Then no detector finds anything
    expect(detectFindings([historyOf(w, clean.applicationId)])).toEqual([]);
  });

  it('finds a near-relative case confirmed by a township, citing the filing and the approval', () => {
    // Given a near-relative case confirmed under delegated township authority
    const w = new HistoryWriter();
    const planted = writeDibaoCase(w, { nearRelative: true, confirmedBy: townshipOfficial, confirmationLevel: 'township' });
    // When scanned
    const findings = detectInCase(historyOf(w, planted.applicationId));
    // Then exactly that finding, proven by the filing events and the approval
    expect(findings.map((f) => f.kind)).toEqual(['near-relative-confirmed-below-county']);
    expect(findings[0]?.evidence.map((e) => e.eventId)).toEqual([planted.ids.submitted, planted.ids.flagged, planted.ids.opened, planted.ids.approved]);
  });

  it('does not flag a near-relative case the county confirmed', () => {
    const w = new HistoryWriter();
    const planted = writeDibaoCase(w, { nearRelative: true });
    expect(detectInCase(historyOf(w, planted.applicationId))).toEqual([]);
  });

  it('finds the intake worker who also reviewed the case', () => {
    // Given the person who took the application also did the township review
    const w = new HistoryWriter();
    const planted = writeDibaoCase(w, { reviewedBy: { ...people.intakeWorker, role: 'township-reviewer' } });
    const findings = detectInCase(historyOf(w, planted.applicationId));
    // Then one finding naming the person, with the taking and the review as proof
    expect(findings.map((f) => [f.kind, f.details.userId])).toEqual([['segregation-of-duties-breached', 'wang.fang']]);
    expect(findings[0]?.evidence.map((e) => e.eventId)).toEqual(expect.arrayContaining([planted.ids.submitted, planted.ids.opened, planted.ids.reviewed]));
    expect(findings[0]?.evidence.map((e) => e.eventId)).not.toContain(planted.ids.approved);
  });

  it('finds an investigator who confirmed the case', () => {
    const w = new HistoryWriter();
    const planted = writeDibaoCase(w, { confirmedBy: { ...people.investigator, role: 'county-approver', orgUnit: '331002' } });
    const findings = detectInCase(historyOf(w, planted.applicationId));
    expect(findings.map((f) => [f.kind, f.details.clashes])).toEqual([['segregation-of-duties-breached', ['investigated+decided']]]);
    expect(findings[0]?.evidence.map((e) => e.eventId)).toEqual([planted.ids.checkCompleted, planted.ids.opened, planted.ids.approved]);
  });

  it('finds a confirmation on the last day of the public notice, but not one the day after', () => {
    // Given a notice 2025-03-13 … 2025-03-19 and a confirmation on 03-19
    const w = new HistoryWriter();
    const early = writeDibaoCase(w, { confirmedOn: '2025-03-19' });
    const onTime = writeDibaoCase(w, { confirmedOn: '2025-03-20' });
    // Then only the early one is found, proven by the notice and the approval
    const findings = detectFindings([historyOf(w, early.applicationId), historyOf(w, onTime.applicationId)]);
    expect(findings.map((f) => [f.kind, f.applicationIds])).toEqual([['confirmed-before-notice-ended', [early.applicationId]]]);
    expect(findings[0]?.evidence.map((e) => e.eventId)).toEqual([early.ids.notice, early.ids.approved]);
  });

  it('finds a payment for a month after the recipient died, citing the death report and the payment', () => {
    // Given the applicant dies on 10 April and payroll pays April and May
    const w = new HistoryWriter();
    const planted = writeDibaoCase(w, { applicantDiedOn: '2025-04-10', payrollMonths: ['2025-04', '2025-05'] });
    const findings = detectInCase(historyOf(w, planted.applicationId));
    // Then May's payment is found (April's was owed), and the death was on record when it was issued
    expect(findings.map((f) => [f.kind, f.details.month, f.details.deathOnRecordWhenIssued])).toEqual([['payment-after-death', '2025-05', true]]);
    expect(findings[0]?.evidence.map((e) => e.eventId)).toEqual([planted.ids.death, planted.ids['payment-2025-05'], planted.ids['paid-2025-05']]);
  });

  it('finds one resident paid the same benefit in two regions, and nothing for unrelated cases', () => {
    // Given one person is a member of a household in Jiaojiang and of another in Huangyan
    const w = new HistoryWriter();
    const shared = residentId(777);
    const first = writeDibaoCase(w, { members: [residentId(701), shared] });
    const second = writeDibaoCase(w, { members: [residentId(702), shared], region: '331003001001' });
    const unrelated = writeDibaoCase(w);
    const findings = detectFindings([first, second, unrelated].map((c) => historyOf(w, c.applicationId)));
    // Then one finding links both cases, their grants and the month paid twice
    expect(findings.map((f) => [f.kind, f.details.variant, f.details.monthsPaidTwice])).toEqual([['duplicate-benefit', 'two-regions', ['2025-04']]]);
    expect(new Set(findings[0]?.applicationIds)).toEqual(new Set([first.applicationId, second.applicationId]));
    expect(findings[0]?.evidence.map((e) => e.eventId)).toEqual(
      expect.arrayContaining([first.ids.granted, second.ids.granted, first.ids['payment-2025-04'], second.ids['payment-2025-04']]),
    );
  });

  it('finds an approval whose check left out a vehicle the register held when it collected the data', () => {
    // Given a vehicle registration recorded two days before the check collected department data
    const w = new HistoryWriter();
    const planted = writeDibaoCase(w, { vehicleIgnoredByCheck: true });
    const findings = detectInCase(historyOf(w, planted.applicationId));
    // Then the approval is found, proven by the approval, the collection, the assessment and the vehicle fact
    expect(findings.map((f) => f.kind)).toEqual(['department-data-ignored']);
    expect(findings[0]?.evidence.map((e) => e.eventId)).toEqual([planted.ids.approved, planted.ids.collected, planted.ids.checkCompleted, planted.ids.vehicle]);
  });

  it('does not hold against the check a fact replaced before it collected (a deregistration), nor one recorded after', () => {
    // Given a vehicle registered and deregistered before the check, which saw the deregistration
    const w = new HistoryWriter();
    const planted = writeDibaoCase(w, { alsoSeen: ['vehicle-msg-2'] });
    const member = planted.members[1] as string;
    const vehicle = { residentId: member, plateNumber: '浙J·54321', vehicleType: 'car', registeredOn: '2023-01-01' };
    w.add(
      'verification',
      `resident-${member}`,
      'VehicleRegistrationReported',
      { ...vehicle, messageId: 'vehicle-msg-1', recordedAt: '2025-01-10T00:00:00.000Z' },
      people.verificationSystem,
      '2025-01-10T00:00:00.000Z',
    );
    w.add(
      'verification',
      `resident-${member}`,
      'VehicleRegistrationReported',
      { ...vehicle, messageId: 'vehicle-msg-2', deregisteredOn: '2025-01-20', recordedAt: '2025-01-21T00:00:00.000Z' },
      people.verificationSystem,
      '2025-01-21T00:00:00.000Z',
    );
    // And a wage correction recorded only after the collection
    const applicant = planted.members[0] as string;
    w.add(
      'verification',
      `resident-${applicant}`,
      'WageRecordReported',
      {
        messageId: 'wage-msg-2',
        residentId: applicant,
        recordedAt: '2025-03-05T00:00:00.000Z',
        employer: '台州某包装厂',
        monthlyWageFen: 250_000,
        month: '2025-01',
      },
      people.verificationSystem,
      '2025-03-05T00:00:00.000Z',
    );
    // Then nothing is found, though every fact is in the case's department data
    const history = historyOf(w, planted.applicationId);
    expect(history.departmentData).toHaveLength(4);
    expect(detectInCase(history)).toEqual([]);
  });
});
