/** Test data: invented people whose resident IDs carry correct GB 11643 check characters. */
import type { Actor } from '@sa/domain-shared';
import type { SubmitApplication } from './commands';
import type { ApplicationEvent, ApplicationSubmitted } from './events';
import type { Household, HouseholdMember } from './household';

export const intakeWorker: Actor = { userId: 'u-intake-0012', role: 'intake-worker', orgUnit: '330102001' };
export const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
export const submittedAt = '2025-03-03T09:15:00+08:00';

export const applicant: HouseholdMember = {
  memberId: 'm-applicant',
  residentId: '330102195806120026',
  name: '王秀英',
  relation: 'applicant',
  birthDate: '1958-06-12',
  disabilityGrade: null,
  seriousIllness: false,
  workAbility: 'none',
  declaredMonthlyIncomes: [{ kind: 'pension-resident-basic', monthlyFen: 26_000, source: '城乡居民基本养老保险' }],
};

export const son: HouseholdMember = {
  memberId: 'm-son',
  residentId: '330102198511200014',
  name: '李明',
  relation: 'child',
  birthDate: '1985-11-20',
  disabilityGrade: 2,
  seriousIllness: false,
  workAbility: 'partial',
  declaredMonthlyIncomes: [{ kind: 'wage', monthlyFen: 150_000, source: '杭州某包装厂' }],
};

export const granddaughter: HouseholdMember = {
  memberId: 'm-granddaughter',
  residentId: '330102201309010027',
  name: '李小雨',
  relation: 'grandchild',
  birthDate: '2013-09-01',
  disabilityGrade: null,
  seriousIllness: true,
  workAbility: 'none',
  declaredMonthlyIncomes: [],
};

/** A resident who is not in the household at first. */
export const lodger: HouseholdMember = {
  memberId: 'm-lodger',
  residentId: '330102199001010039',
  name: '张伟',
  relation: 'other',
  birthDate: '1990-01-01',
  disabilityGrade: null,
  seriousIllness: false,
  workAbility: 'full',
  declaredMonthlyIncomes: [],
};

export const household: Household = {
  members: [applicant, son, granddaughter],
  declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 1_250_000, businessRegistrations: 0 },
  bankAccount: { bankName: '杭州联合农村商业银行', accountHolder: '王秀英', accountNumber: '6228480012345678901' },
};

export const submit: SubmitApplication = {
  type: 'SubmitApplication',
  applicationId,
  programme: 'dibao',
  region: '330102001001',
  applicationLocation: 'hukou',
  channel: 'walk-in',
  household,
  consents: { economicCheck: true, charityReferral: true },
  nearRelative: { declared: false },
  submittedBy: intakeWorker,
  submittedAt,
};

/** The event a valid SubmitApplication produces (no lead, nothing to normalise). */
export function submittedFrom(command: SubmitApplication = submit): ApplicationSubmitted {
  const { type: _type, residentsInActiveApplications: _active, ...data } = command;
  return { type: 'ApplicationSubmitted', data };
}

export const submitted: ApplicationSubmitted = submittedFrom();

export const withdrawn: ApplicationEvent = {
  type: 'ApplicationWithdrawn',
  data: { applicationId, reason: 'Household found employment', withdrawnBy: intakeWorker, withdrawnAt: '2025-03-05T14:30:00+08:00' },
};

export const countySystem: Actor = { userId: 'approval-service', role: 'county-system', orgUnit: '330102' };

export function closed(outcome: 'approved' | 'rejected'): ApplicationEvent {
  return {
    type: 'ApplicationClosed',
    data: { applicationId, outcome, decidedAt: '2025-03-21T10:00:00+08:00', closedBy: countySystem, closedAt: '2025-03-21T10:00:05+08:00' },
  };
}
