/** Shared test data: one dibao household in 330102001001 and the people who handle its case. Not exported. */
import { fen, parseRegionCode, type Actor } from '@sa/domain-shared';
import type { ApproveCase, OpenCase, RejectCase } from '../commands';
import type { CaseEvent, CaseOpened, PublicNoticePosted, TownshipReviewCompleted } from '../events';
import type { CheckOutcome } from '../values';

export const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
export const village = parseRegionCode('330102001001');

export const actors = {
  intake: { userId: 'u-intake-0012', role: 'intake-worker', orgUnit: '330102001' },
  investigator: { userId: 'u-inv-0031', role: 'investigator', orgUnit: '330102001' },
  reviewer: { userId: 'u-town-0007', role: 'township-reviewer', orgUnit: '330102001' },
  townshipConfirmer: { userId: 'u-town-0009', role: 'township-reviewer', orgUnit: '330102001' },
  otherTownshipReviewer: { userId: 'u-town-0101', role: 'township-reviewer', orgUnit: '330102002' },
  county: { userId: 'u-county-0002', role: 'county-approver', orgUnit: '330102' },
  otherCounty: { userId: 'u-county-0903', role: 'county-approver', orgUnit: '330103' },
  countyInvestigator: { userId: 'u-county-inv-0005', role: 'investigator', orgUnit: '330102' },
} satisfies Record<string, Actor>;

export const check: CheckOutcome = {
  checkId: '0195f2b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
  eligible: true,
  ineligibilityReasons: [],
  policyId: '330000-2025-01',
  standardFen: fen(119_000),
  householdSize: 3,
  countedMonthlyIncomeFen: fen(114_300),
  perCapitaMonthlyIncomeFen: fen(38_100),
  investigatedBy: actors.investigator,
  assessedAt: '2025-03-10T16:00:00+08:00',
};

export const members = [
  { memberId: 'fe1df82e-eb5c-45fa-861b-1ae4f0d7eaea', residentId: '330102195806120026', name: '王秀英' },
  { memberId: '38cb6b35-2f36-4689-acbc-689a185f07b6', residentId: '330102198511200014', name: '李明' },
  { memberId: '08d3fd34-fe1d-440c-88bc-fc0c5f38f749', residentId: '330102201309010027', name: '李小雨' },
];

export const bankAccount = { bankName: '杭州联合农村商业银行', accountHolder: '王秀英', accountNumber: '6228480012345678901' };

export const openCase: OpenCase = {
  type: 'OpenCase',
  applicationId,
  programme: 'dibao',
  region: '330102001001',
  members,
  applicantMemberId: 'fe1df82e-eb5c-45fa-861b-1ae4f0d7eaea',
  applicantPhone: '0571-8888 0000',
  bankAccount,
  consents: { economicCheck: true, charityReferral: true },
  involvesMinor: false,
  nearRelative: false,
  applicationTakenBy: actors.intake,
  check,
  openedAt: '2025-03-10T16:05:00+08:00',
};

export function caseOpened(overrides: Partial<CaseOpened['data']> = {}): CaseOpened {
  const { type: _type, ...data } = openCase;
  return { type: 'CaseOpened', data: { ...data, region: village, ...overrides } };
}

export function reviewed(recommendation: 'approve' | 'reject' = 'approve', checkId = check.checkId): TownshipReviewCompleted {
  return {
    type: 'TownshipReviewCompleted',
    data: {
      applicationId,
      checkId,
      recommendation,
      reasons:
        recommendation === 'approve'
          ? [{ code: 'income-below-standard', message: '家庭月人均收入低于当地低保标准' }]
          : [{ code: 'property-over-limit', message: '家庭金融资产超过当地规定标准' }],
      reviewedBy: actors.reviewer,
      reviewedAt: '2025-03-12T11:00:00+08:00',
    },
  };
}

export function noticePosted(startsOn = '2025-03-13', endsOn = '2025-03-19', published = true): PublicNoticePosted {
  return {
    type: 'PublicNoticePosted',
    data: { applicationId, region: village, startsOn, endsOn, noticeDays: 7, published, postedBy: actors.reviewer, postedAt: `${startsOn}T08:30:00+08:00` },
  };
}

/** Opened, reviewed (approve) and on a 7-day notice 13–19 March 2025. */
export const onNotice: CaseEvent[] = [caseOpened(), reviewed(), noticePosted()];

export function approve(overrides: Partial<ApproveCase> = {}): ApproveCase {
  return {
    type: 'ApproveCase',
    applicationId,
    today: '2025-03-21',
    confirmedBy: actors.county,
    confirmedAt: '2025-03-21T10:00:00+08:00',
    confirmationDelegatedToTownship: false,
    stillInHardship: true,
    ...overrides,
  };
}

export function rejectCase(overrides: Partial<RejectCase> = {}): RejectCase {
  return {
    type: 'RejectCase',
    applicationId,
    reasons: [{ code: 'property-over-limit', message: '家庭金融资产超过当地规定标准' }],
    today: '2025-03-21',
    rejectedBy: actors.county,
    rejectedAt: '2025-03-21T10:00:00+08:00',
    confirmationDelegatedToTownship: false,
    ...overrides,
  };
}
