import { caseDecider, type CaseCommand, type CaseEvent } from '@sa/domain-approval';
import { fold } from '@sa/domain-shared';
import { applicationSubmittedV1, economicCheckCompletedV1 } from '@sa/contracts';
import { type CaseView, evolveCaseView } from './case-view';
import { receiveApplication, recordEconomicCheck } from './inbound-commands';
import { singlePersonCaseId } from './single-person-case-id';

const reviewer = { userId: 'li.ming', role: 'township-reviewer', orgUnit: '330102001' } as const;

/** Runs commands through the decider the way the handlers do and folds the view, one event at a time. */
function viewAfter(commands: CaseCommand[]): CaseView | undefined {
  const history: CaseEvent[] = [];
  for (const command of commands) {
    const decision = caseDecider.decide(command, fold(caseDecider, history));
    if (!decision.ok) throw new Error(`${command.type}: ${decision.rejection.code}`);
    history.push(...decision.events);
  }
  return history.reduce<CaseView | undefined>((v, e) => evolveCaseView(v, e, '2025-03-20T00:00:00Z'), undefined);
}

describe('the case view', () => {
  const application = receiveApplication(applicationSubmittedV1.example, '2025-03-03T10:00:00+08:00');
  const check = recordEconomicCheck(economicCheckCompletedV1.example, '2025-03-10T16:05:00+08:00');

  it('shows a check waiting for its application without a region, so nobody acts on it yet', () => {
    expect(viewAfter([check])).toMatchObject({ status: 'awaiting-application', check: { perCapitaMonthlyIncomeFen: 38_100 } });
    expect(viewAfter([check])?.region).toBeUndefined();
  });

  it('shows an opened case with masked resident IDs, whichever message came first', () => {
    for (const order of [
      [application, check],
      [check, application],
    ]) {
      const view = viewAfter(order);
      expect(view).toMatchObject({ status: 'awaiting-review', region: '330102001001', applicationTakenBy: 'u-intake-0012' });
      expect(view?.members?.every((m) => /^\d{6}\*{12}$/.test(m.residentIdMasked))).toBe(true);
    }
  });

  it('lists the 单人保 case of a member a household check covers alone, under the id approval opens it with', () => {
    const covered = economicCheckCompletedV1.example.ruleTrace[0]?.memberId as string;
    const marginal = recordEconomicCheck(
      {
        ...economicCheckCompletedV1.example,
        eligible: false,
        singlePersonCoverage: [{ memberId: covered, ground: 'severe-disability', memberCountedIncomeFen: 0, monthlyGapFen: 119_000 }],
      },
      '2025-03-10T16:05:00+08:00',
    );
    const view = viewAfter([application, marginal]);
    expect(view?.singlePersonCases).toEqual([
      { memberId: covered, applicationId: singlePersonCaseId(application.applicationId, covered), ground: 'severe-disability' },
    ]);
    expect(view?.check?.singlePersonCoverage).toEqual([{ memberId: covered, ground: 'severe-disability', memberCountedIncomeFen: 0, monthlyGapFen: 119_000 }]);
    expect(singlePersonCaseId(application.applicationId, covered)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('follows review, notice and objections', () => {
    const id = application.applicationId;
    const view = viewAfter([
      application,
      check,
      {
        type: 'CompleteTownshipReview',
        applicationId: id,
        recommendation: 'approve',
        reasons: [],
        reviewedBy: reviewer,
        reviewedAt: '2025-03-12T11:00:00+08:00',
      },
      { type: 'PostPublicNotice', applicationId: id, startsOn: '2025-03-13', noticeDays: 7, postedBy: reviewer, postedAt: '2025-03-13T08:30:00+08:00' },
      { type: 'LodgeObjection', applicationId: id, objectionId: 'o-1', summary: '反映有车辆', lodgedAt: '2025-03-14T09:00:00+08:00', recordedBy: reviewer },
      {
        type: 'ResolveObjection',
        applicationId: id,
        objectionId: 'o-1',
        outcome: 'dismissed',
        explanation: '车辆已注销',
        resolvedBy: reviewer,
        resolvedAt: '2025-03-15T09:00:00+08:00',
      },
    ]);
    expect(view).toMatchObject({
      status: 'on-notice',
      review: { recommendation: 'approve', reviewedBy: 'li.ming' },
      notice: { startsOn: '2025-03-13', endsOn: '2025-03-19', noticeDays: 7 },
      objections: { 'o-1': { status: 'dismissed', explanation: '车辆已注销' } },
    });
  });
});
