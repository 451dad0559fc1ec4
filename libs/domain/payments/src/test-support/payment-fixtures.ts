/** Shared test data: a dibao household in 330102001001 and a payments officer. Not exported. */
import { fen, fold, parseRegionCode, type Actor } from '@sa/domain-shared';
import type { GrantEntitlement } from '../entitlement/commands';
import { entitlementDecider } from '../entitlement/decider';
import type { EntitlementEvent, EntitlementGranted } from '../entitlement/events';
import type { GrantedEntitlement } from '../entitlement/state';
import { payrollEntryOf, type PayrollEntry } from '../payroll/payroll-entry';

export const officer: Actor = { userId: 'u-pay-0004', role: 'payments-officer', orgUnit: '330102' };
export const publicSecurity: Actor = { userId: 'gaj-system', role: 'county-system', orgUnit: '330102' };

export const entitlementId = '0195f3c1-2b3c-7d4e-9f5a-6b7c8d9e0f1a';
export const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
export const payee = { bankName: '杭州联合农村商业银行', accountHolder: '王秀英', accountNumber: '6228480012345678901' };
export const members = [
  { memberId: 'm-applicant', residentId: '330102195806120026' },
  { memberId: 'm-son', residentId: '330102198503140015' },
  { memberId: 'm-granddaughter', residentId: '330102201209050021' },
];

/** The worked example: standard 1,190.00, per-capita counted income 481.00, three members. */
export const grant: GrantEntitlement = {
  type: 'GrantEntitlement',
  entitlementId,
  applicationId,
  programme: 'dibao',
  region: '330102001001',
  householdSize: 3,
  members,
  standardFen: fen(119_000),
  countedHouseholdIncomeFen: fen(144_300),
  perCapitaCountedIncomeFen: fen(48_100),
  startMonth: '2025-04',
  policyId: '330000-2025-01',
  payee,
  grantedBy: officer,
  grantedAt: '2025-03-21T11:00:00+08:00',
};

export function granted(overrides: Partial<EntitlementGranted['data']> = {}): EntitlementGranted {
  const { type: _type, region: _region, ...data } = grant;
  return {
    type: 'EntitlementGranted',
    data: { ...data, region: parseRegionCode('330102001001'), monthlyAmountFen: fen(212_700), ...overrides },
  };
}

export function paymentRecorded(month: string, instructionId = `instr-${month}`): EntitlementEvent {
  return {
    type: 'EntitlementPaymentRecorded',
    data: { entitlementId, applicationId, payrollId: `run-${month}`, instructionId, month, amountFen: fen(212_700), recordedAt: `${month}-08T09:00:00+08:00` },
  };
}

/** The payroll snapshot of an entitlement after a history. */
export function entryAfter(history: EntitlementEvent[]): PayrollEntry {
  return payrollEntryOf(fold(entitlementDecider, history) as GrantedEntitlement);
}

export function entry(id: string, overrides: Partial<PayrollEntry> = {}): PayrollEntry {
  return {
    entitlementId: id,
    applicationId: `app-${id}`,
    programme: 'dibao',
    region: '330102001001',
    monthlyAmountFen: fen(212_700),
    startMonth: '2025-04',
    suspensions: [],
    payee,
    ...overrides,
  };
}
