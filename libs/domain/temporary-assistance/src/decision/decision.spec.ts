import { fen, fold, given } from '@sa/domain-shared';
import { countyApprover, facts, policy, townshipReviewer, worker } from '../test-support/fixtures';
import type { ApproveTemporaryAssistance } from './commands';
import { temporaryDecisionDecider } from './decider';
import type { ApprovalTrace, TemporaryDecisionEvent } from './events';

const opened: TemporaryDecisionEvent = { type: 'TemporaryDecisionOpened', data: facts };
const advanced: TemporaryDecisionEvent = {
  type: 'UrgentAdvanceRecorded',
  data: { caseId: 'ta-1', drawId: 'urgent-ta-1', amountFen: fen(80_000), paidAt: '2026-03-02T07:00:00Z' },
};
// A serious emergency: 1 to 6 × 1,190.00 = 1,190.00–7,140.00; yearly cap 12 × = 14,280.00; township up to 3,000.00.
const small: ApproveTemporaryAssistance = {
  type: 'ApproveTemporaryAssistance',
  caseId: 'ta-1',
  totalFen: fen(200_000),
  stages: [{ dueDate: '2026-03-10', amountFen: fen(120_000) }],
  reasons: 'Hospital bill 6,000; no insurance',
  decidedBy: townshipReviewer,
  decidedAt: '2026-03-09T02:00:00Z',
  policy,
  householdApprovedThisYearFen: fen(0),
};
const large: ApproveTemporaryAssistance = {
  ...small,
  totalFen: fen(600_000),
  stages: [
    { dueDate: '2026-03-10', amountFen: fen(260_000) },
    { dueDate: '2026-04-10', amountFen: fen(260_000) },
  ],
};
const trace: ApprovalTrace = {
  policyId: 'taizhou-2025',
  dibaoStandardFen: fen(119_000),
  rangeMinFen: fen(119_000),
  rangeMaxFen: fen(714_000),
  yearlyCapFen: fen(1_428_000),
  householdApprovedThisYearFen: fen(0),
  townshipApprovalLimitFen: fen(300_000),
};
const approvedBy = (command: ApproveTemporaryAssistance, tier: 'township' | 'county'): TemporaryDecisionEvent => ({
  type: 'TemporaryAssistanceApproved',
  data: {
    caseId: 'ta-1',
    township: '331002001',
    householdKey: facts.householdKey,
    tier,
    totalFen: command.totalFen,
    urgentAdvanceFen: fen(80_000),
    stages: command.stages,
    payee: facts.payee,
    reasons: command.reasons,
    stillInHardship: command.stillInHardship ?? false,
    charityReferralConsent: true,
    contact: facts.contact,
    decidedBy: command.decidedBy,
    decidedAt: command.decidedAt,
    trace,
  },
});
const referred: TemporaryDecisionEvent = {
  type: 'TemporaryCaseReferredToCounty',
  data: {
    caseId: 'ta-1',
    recommendedTotalFen: large.totalFen,
    stages: large.stages,
    reasons: large.reasons,
    reviewedBy: townshipReviewer,
    reviewedAt: large.decidedAt,
    trace,
  },
};

describe('tiered approval of a temporary case (县、乡分级审批)', () => {
  it('the township approves up to its delegated limit, the urgent advance counted in the total', () => {
    given(temporaryDecisionDecider, [opened, advanced])
      .when(small)
      .then([approvedBy(small, 'township')]);
  });

  it('above the limit the township review sends it to the county, which approves the rest in two stages', () => {
    given(temporaryDecisionDecider, [opened, advanced]).when(large).then([referred]);
    const county = { ...large, decidedBy: countyApprover, decidedAt: '2026-03-10T01:00:00Z' };
    given(temporaryDecisionDecider, [opened, advanced, referred])
      .when(county)
      .then([approvedBy(county, 'county')]);
  });

  it('the county does not approve above the limit without the township review, and the township cannot act once it is with the county', () => {
    given(temporaryDecisionDecider, [opened, advanced])
      .when({ ...large, decidedBy: countyApprover })
      .thenRejects('TOWNSHIP_REVIEW_REQUIRED');
    given(temporaryDecisionDecider, [opened, advanced, referred]).when(small).thenRejects('CASE_ALREADY_WITH_COUNTY');
  });

  it('keeps duties apart: not the taker, not the township reviewer at the county', () => {
    given(temporaryDecisionDecider, [opened])
      .when({ ...small, decidedBy: { ...townshipReviewer, userId: worker.userId } })
      .thenRejects('SEGREGATION_OF_DUTIES');
    given(temporaryDecisionDecider, [opened, advanced, referred])
      .when({ ...large, decidedBy: { ...countyApprover, userId: townshipReviewer.userId } })
      .thenRejects('SEGREGATION_OF_DUTIES');
    given(temporaryDecisionDecider, [opened])
      .when({ ...small, decidedBy: worker })
      .thenRejects('ROLE_NOT_ALLOWED');
    given(temporaryDecisionDecider, [opened])
      .when({ ...small, decidedBy: { ...townshipReviewer, orgUnit: '331002002' } })
      .thenRejects('OUTSIDE_JURISDICTION');
  });

  it('keeps the amount within the policy range and the yearly cap', () => {
    given(temporaryDecisionDecider, [opened])
      .when({ ...small, totalFen: fen(100_000), stages: [{ dueDate: '2026-03-10', amountFen: fen(100_000) }] })
      .thenRejects('AMOUNT_OUTSIDE_POLICY_RANGE');
    given(temporaryDecisionDecider, [opened, advanced])
      .when({ ...small, householdApprovedThisYearFen: fen(1_300_000) })
      .thenRejects('YEARLY_CAP_EXCEEDED');
  });

  it('needs stages that add up to the rest, in date order, not before the decision, and reasons', () => {
    given(temporaryDecisionDecider, [opened, advanced])
      .when({ ...small, stages: [{ dueDate: '2026-03-10', amountFen: fen(100_000) }] })
      .thenRejects('STAGES_DO_NOT_ADD_UP');
    given(temporaryDecisionDecider, [opened, advanced])
      .when({ ...small, stages: [] })
      .thenRejects('STAGES_REQUIRED');
    given(temporaryDecisionDecider, [opened, advanced])
      .when({ ...small, stages: [{ dueDate: '2026-03-01', amountFen: fen(120_000) }] })
      .thenRejects('INVALID_STAGE');
    given(temporaryDecisionDecider, [opened, advanced])
      .when({ ...large, stages: [...large.stages].reverse() })
      .thenRejects('INVALID_STAGE');
    given(temporaryDecisionDecider, [opened, advanced])
      .when({ ...small, reasons: '' })
      .thenRejects('REASONS_REQUIRED');
  });

  it('is decided once; a rejection needs reasons', () => {
    const approved = approvedBy(small, 'township');
    given(temporaryDecisionDecider, [opened, advanced, approved]).when(small).thenRejects('CASE_ALREADY_DECIDED');
    const reject = { type: 'RejectTemporaryAssistance' as const, caseId: 'ta-1', reasons: '', decidedBy: townshipReviewer, decidedAt: small.decidedAt };
    given(temporaryDecisionDecider, [opened]).when(reject).thenRejects('REASONS_REQUIRED');
    const { type: _t, ...data } = { ...reject, reasons: 'Insurance paid in full' };
    given(temporaryDecisionDecider, [opened])
      .when({ ...reject, reasons: 'Insurance paid in full' })
      .then([{ type: 'TemporaryAssistanceRejected', data: { ...data, township: '331002001', charityReferralConsent: true, contact: facts.contact } }]);
  });

  it('records an urgent advance once per draw', () => {
    const record = { type: 'RecordUrgentAdvance' as const, caseId: 'ta-1', drawId: 'urgent-ta-1', amountFen: fen(80_000), paidAt: '2026-03-02T07:00:00Z' };
    given(temporaryDecisionDecider, [opened]).when(record).then([advanced]);
    given(temporaryDecisionDecider, [opened, advanced]).when(record).thenRejects('URGENT_PAYMENT_ALREADY_RECORDED');
  });

  it('carries what a charity referral needs: the judgement that hardship remains, the consent, and the contact only with consent', () => {
    const still = { ...small, stillInHardship: true };
    given(temporaryDecisionDecider, [opened, advanced])
      .when(still)
      .then([approvedBy(still, 'township')]);
    const noConsent: TemporaryDecisionEvent = { type: 'TemporaryDecisionOpened', data: { ...facts, charityReferralConsent: false } };
    const decision = temporaryDecisionDecider.decide(still, fold(temporaryDecisionDecider, [noConsent, advanced]));
    const event = decision.ok ? decision.events[0] : undefined;
    expect(event?.type === 'TemporaryAssistanceApproved' && [event.data.charityReferralConsent, event.data.contact]).toEqual([false, undefined]);
  });
});
