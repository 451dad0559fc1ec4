import { periodicReviewDecidedV1 } from '@sa/contracts';
import { entitlementIdFor } from '@sa/domain-payments';
import { commandsForReview, type ReviewDecided } from './review-outcomes';

const example: ReviewDecided = periodicReviewDecidedV1.example;
const at = example.decidedAt;

describe('a periodic review outcome as entitlement commands', () => {
  it('starts the gradual exit from the effective month with the policy months and the re-check figures', () => {
    // Given the contract's example (work lifted income above the standard); When mapped; Then one StartGradualExit
    expect(commandsForReview(example, at)).toEqual([
      {
        type: 'StartGradualExit',
        entitlementId: entitlementIdFor(example.applicationId),
        countedHouseholdIncomeFen: 400_000,
        householdSize: 3,
        perCapitaCountedIncomeFen: 133_333,
        standardFen: 119_000,
        gradualExitMonths: 6,
        fromMonth: '2026-11',
        policyId: 'taizhou-2025',
        decidedBy: example.decidedBy,
        decidedAt: at,
      },
    ]);
  });

  it('changes the amount from the figures, resuming first when the review had lapsed', () => {
    const late = { ...example, outcome: 'change-amount' as const, countedMonthlyIncomeFen: 100_000, resumesSuspension: true };
    expect(commandsForReview(late, at).map((c) => c.type)).toEqual(['ResumeEntitlement', 'ChangeEntitlementAmount']);
    expect(commandsForReview(late, at)[1]).toMatchObject({ fromMonth: '2026-11', householdSize: 3, countedHouseholdIncomeFen: 100_000, standardFen: 119_000 });
  });

  it('suspends a lapsed review as review-overdue, terminates as review-failed, and continues with nothing to do', () => {
    const lapsed = { ...example, outcome: 'suspend' as const, lapsed: true };
    expect(commandsForReview(lapsed, at)).toMatchObject([{ type: 'SuspendEntitlement', reason: 'review-overdue', fromMonth: '2026-11' }]);
    expect(commandsForReview({ ...example, outcome: 'terminate' }, at)).toMatchObject([
      { type: 'TerminateEntitlement', reason: 'review-failed', effectiveMonth: '2026-11' },
    ]);
    expect(commandsForReview({ ...example, outcome: 'continue' }, at)).toEqual([]);
  });

  it('refuses, as a message that can never succeed, an amount change without figures', () => {
    const { householdSize: _h, ...noFigures } = example;
    expect(() => commandsForReview({ ...noFigures, outcome: 'change-amount' }, at)).toThrow(/carries no re-check figures/);
  });
});
