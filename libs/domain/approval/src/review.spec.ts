import { given } from '@sa/domain-shared';
import type { CompleteTownshipReview } from './commands';
import { caseDecider } from './decider';
import { actors, applicationId, caseOpened, check, reviewed } from './test-support/case-fixtures';

function review(overrides: Partial<CompleteTownshipReview> = {}): CompleteTownshipReview {
  return {
    type: 'CompleteTownshipReview',
    applicationId,
    recommendation: 'approve',
    reasons: [{ code: 'income-below-standard', message: '家庭月人均收入低于当地低保标准' }],
    reviewedBy: actors.reviewer,
    reviewedAt: '2025-03-12T11:00:00+08:00',
    ...overrides,
  };
}

describe('township review (审核)', () => {
  it('records the recommendation against the latest check', () => {
    given(caseDecider, [caseOpened()])
      .when(review())
      .then([reviewed('approve')]);
  });

  it('needs at least one reason to recommend rejection', () => {
    given(caseDecider, [caseOpened()])
      .when(review({ recommendation: 'reject', reasons: [] }))
      .thenRejects('REASON_REQUIRED');
    given(caseDecider, [caseOpened()])
      .when(review({ recommendation: 'reject', reasons: reviewed('reject').data.reasons }))
      .then([reviewed('reject')]);
  });

  it('refuses reason codes that are not stable lower-case codes', () => {
    given(caseDecider, [caseOpened()])
      .when(review({ reasons: [{ code: 'Income Low', message: 'x' }] }))
      .thenRejects('INVALID_REASON');
  });

  it('is not done by the person who took the application (segregation of duties)', () => {
    const intakeAsReviewer = { ...actors.reviewer, userId: actors.intake.userId };
    given(caseDecider, [caseOpened()])
      .when(review({ reviewedBy: intakeAsReviewer }))
      .thenRejects('SEGREGATION_OF_DUTIES');
    // Told as such even in the intake role: the person is the reason, not the role.
    given(caseDecider, [caseOpened()])
      .when(review({ reviewedBy: actors.intake }))
      .thenRejects('SEGREGATION_OF_DUTIES');
  });

  it('is done by a reviewer of the household\u2019s own township', () => {
    given(caseDecider, [caseOpened()])
      .when(review({ reviewedBy: actors.county }))
      .thenRejects('ROLE_NOT_ALLOWED');
    given(caseDecider, [caseOpened()])
      .when(review({ reviewedBy: actors.otherTownshipReviewer }))
      .thenRejects('OUTSIDE_JURISDICTION');
    given(caseDecider, [caseOpened()])
      .when(review({ reviewedBy: { ...actors.reviewer, orgUnit: '330102' } }))
      .thenRejects('ORG_UNIT_LEVEL_NOT_ALLOWED');
  });

  it('happens once per check', () => {
    given(caseDecider, [caseOpened(), reviewed()]).when(review()).thenRejects('REVIEW_ALREADY_COMPLETED');
  });

  it('cannot recommend approval when the check found the household ineligible (逢进必核)', () => {
    const ineligible = caseOpened({
      check: { ...check, eligible: false, ineligibilityReasons: [{ code: 'income-above-standard', message: '人均收入高于标准' }] },
    });
    given(caseDecider, [ineligible]).when(review()).thenRejects('CHECK_FOUND_INELIGIBLE');
  });
});
