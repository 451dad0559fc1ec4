import { fen, type Actor } from '@sa/domain-shared';
import type { ApplyForTemporaryAssistance } from '../case/commands';
import type { TemporaryCaseFacts } from '../decision/commands';
import type { TemporaryAssistancePolicy } from '../policy/policy';

/** Taizhou-like figures: standard 1,190.00; township decides up to 3,000.00; urgent advance up to 1,000.00; 5 working days. */
export const policy: TemporaryAssistancePolicy = {
  policyId: 'taizhou-2025',
  dibaoStandardFen: fen(119_000),
  amountRanges: {
    emergency: { ordinary: { minBp: 5_000, maxBp: 20_000 }, serious: { minBp: 10_000, maxBp: 60_000 }, critical: { minBp: 30_000, maxBp: 120_000 } },
    expenditure: { ordinary: { minBp: 5_000, maxBp: 20_000 }, serious: { minBp: 10_000, maxBp: 60_000 }, critical: { minBp: 30_000, maxBp: 120_000 } },
  },
  yearlyCapBp: 120_000,
  townshipApprovalLimitFen: fen(300_000),
  urgentAdvanceMaxFen: fen(100_000),
  documentsDueWorkingDays: 5,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05'],
  adjustedWorkingDays: ['2026-10-10'],
  source: 'test',
};

export const worker: Actor = { userId: 'u-intake', role: 'intake-worker', orgUnit: '331002001' };
export const townshipReviewer: Actor = { userId: 'u-township', role: 'township-reviewer', orgUnit: '331002001' };
export const countyApprover: Actor = { userId: 'u-county', role: 'county-approver', orgUnit: '331002' };

export const apply: ApplyForTemporaryAssistance = {
  type: 'ApplyForTemporaryAssistance',
  caseId: 'ta-1',
  category: 'emergency',
  circumstance: 'accident',
  severity: 'serious',
  description: 'Injured in a road accident on a work trip; hukou in Henan',
  emergencyLocation: '331002001005',
  emergencyDate: '2026-03-02',
  applicant: {
    name: '李明',
    residentId: '410783198506151239',
    hukouRegion: '410783',
    bankAccount: { accountHolder: '李明', accountNumber: '6222000012345678' },
  },
  householdSize: 3,
  amountAskedFen: fen(500_000),
  channel: 'worker',
  appliedBy: worker,
  appliedAt: '2026-03-02T10:00:00+08:00',
};

export const facts: TemporaryCaseFacts = {
  caseId: 'ta-1',
  category: 'emergency',
  severity: 'serious',
  emergencyLocation: '331002001005',
  township: '331002001',
  householdKey: '410783198506151239',
  amountAskedFen: fen(500_000),
  payee: { accountHolder: '李明', accountNumber: '6222000012345678' },
  charityReferralConsent: true,
  contact: { name: '李明', phone: '13800000000' },
  appliedBy: worker,
  appliedAt: '2026-03-02T10:00:00+08:00',
};
