/** What GET /entitlements/:applicationId answers: the entitlement as its events say now, personal data masked. */
import { maskAccountNumber, type EntitlementGranted, type GrantedEntitlement } from '@sa/domain-payments';
import { formatYuan, maskResidentId } from '@sa/domain-shared';
import { statusOf } from './entitlement-read-model';

export function entitlementViewOf(state: GrantedEntitlement, granted: EntitlementGranted['data']) {
  const flagged = new Set(state.flaggedForRecovery);
  const payments = Object.entries(state.payments)
    .map(([instructionId, p]) => ({
      instructionId,
      payrollId: p.payrollId,
      month: p.month,
      amountFen: p.amountFen,
      flaggedForRecovery: flagged.has(instructionId),
    }))
    .sort((a, b) => a.month.localeCompare(b.month));
  const toRecover = payments.filter((p) => p.flaggedForRecovery);
  return {
    entitlementId: state.entitlementId,
    applicationId: state.applicationId,
    programme: state.programme,
    region: state.region,
    status: statusOf({ stop: state.stop ?? null, suspended: state.suspensions.some((s) => s.untilMonth === undefined) }),
    householdSize: granted.householdSize,
    members: state.members.map((m) => ({ memberId: m.memberId, residentIdMasked: maskResidentId(m.residentId) })),
    standardFen: granted.standardFen,
    countedHouseholdIncomeFen: granted.countedHouseholdIncomeFen ?? null,
    perCapitaCountedIncomeFen: granted.perCapitaCountedIncomeFen,
    monthlyAmountFen: state.monthlyAmountFen,
    monthlyAmountYuan: formatYuan(state.monthlyAmountFen),
    startMonth: state.startMonth,
    policyId: granted.policyId,
    payee: { bankName: state.payee.bankName, accountHolder: state.payee.accountHolder, accountNumberMasked: maskAccountNumber(state.payee.accountNumber) },
    stop: state.stop ?? null,
    suspensions: state.suspensions,
    amountChanges: state.amountChanges ?? [],
    gradualExit: state.gradualExit ?? null,
    dateOfDeath: state.dateOfDeath ?? null,
    payments,
    recovery: { count: toRecover.length, amountFen: toRecover.reduce((sum, p) => sum + p.amountFen, 0) },
    grantedAt: granted.grantedAt,
  };
}
