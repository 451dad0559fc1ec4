/**
 * Starting a payroll run. Idempotent by construction: the run id is derived from region and month,
 * so a second StartPayroll for the same region and month lands on the same stream and is refused
 * (PAYROLL_ALREADY_STARTED), and each instruction id is derived from entitlement and month.
 */
import { accept, addFen, isWithin, zeroFen, type Decision, type RegionCode } from '@sa/domain-shared';
import { paymentInstructionId, payrollRunId } from '../deterministic-id';
import { problem, refuse } from '../rejections';
import {
  actorProblem,
  bankAccountProblem,
  fenProblem,
  firstInList,
  firstOf,
  idProblem,
  instantProblem,
  monthProblem,
  programmeProblem,
  regionCodeOf,
  regionProblem,
  type Check,
} from '../validation';
import type { Programme } from '../values';
import type { StartPayroll } from './commands';
import type { PayrollEvent, PaymentInstructionIssued, PayrollStarted } from './events';
import { payabilityIn, type ExclusionReason, type PayrollEntry } from './payroll-entry';
import type { PayrollState } from './state';

const referenceLabels: Record<Programme, string> = { dibao: '低保金', 'extreme-poverty': '特困供养金' };

/** What the recipient's bank statement shows (附言): the benefit and the month it pays for. */
export function paymentReference(programme: Programme, month: string): string {
  return `${referenceLabels[programme]}${month}`;
}

export function decideStartPayroll(command: StartPayroll, state: PayrollState): Decision<PayrollEvent> {
  const invalid = startProblem(command);
  if (invalid) return refuse(invalid);
  const region = regionCodeOf(command.region) as RegionCode;
  const expectedId = payrollRunId(region, command.month);
  if (command.payrollId !== expectedId) {
    return refuse(problem('PAYROLL_ID_MISMATCH', `the run for ${region} ${command.month} has id ${expectedId}`, 'payrollId'));
  }
  if (state.status === 'started') return refuse(problem('PAYROLL_ALREADY_STARTED', `the payroll for ${region} ${command.month} has already run`, 'payrollId'));
  const excluded: Array<{ entitlementId: string; reason: ExclusionReason }> = [];
  const instructions: PaymentInstructionIssued[] = [];
  for (const entry of command.entitlements) {
    const reason = exclusionOf(entry, region, command.month);
    if (reason) excluded.push({ entitlementId: entry.entitlementId, reason });
    else instructions.push(instructionFor(entry, command));
  }
  const started: PayrollStarted = {
    type: 'PayrollStarted',
    data: {
      payrollId: command.payrollId,
      region,
      month: command.month,
      instructionCount: instructions.length,
      totalFen: addFen(zeroFen, ...instructions.map((i) => i.data.amountFen)),
      excluded,
      startedBy: command.startedBy,
      startedAt: command.startedAt,
    },
  };
  return accept<PayrollEvent>(started, ...instructions);
}

function exclusionOf(entry: PayrollEntry, runRegion: RegionCode, month: string): ExclusionReason | undefined {
  const region = regionCodeOf(entry.region) as RegionCode;
  if (!isWithin(region, runRegion)) return 'outside-region';
  const payability = payabilityIn(entry, month);
  return payability === 'payable' ? undefined : payability;
}

function instructionFor(entry: PayrollEntry, command: StartPayroll): PaymentInstructionIssued {
  return {
    type: 'PaymentInstructionIssued',
    data: {
      payrollId: command.payrollId,
      instructionId: paymentInstructionId(entry.entitlementId, command.month),
      entitlementId: entry.entitlementId,
      applicationId: entry.applicationId,
      programme: entry.programme,
      region: regionCodeOf(entry.region) as RegionCode,
      month: command.month,
      amountFen: entry.monthlyAmountFen,
      payee: { bankName: entry.payee.bankName, accountHolder: entry.payee.accountHolder, accountNumber: entry.payee.accountNumber },
      reference: paymentReference(entry.programme, command.month),
      issuedAt: command.startedAt,
    },
  };
}

function startProblem(c: StartPayroll): Check {
  const seen = new Set<string>();
  return firstOf(
    () => idProblem(c.payrollId, 'payrollId'),
    () => regionProblem(c.region, 'region'),
    () => monthProblem(c.month, 'month'),
    () => actorProblem(c.startedBy, 'startedBy'),
    () => instantProblem(c.startedAt, 'startedAt'),
    () =>
      firstInList(c.entitlements ?? [], (entry, i) => {
        // The same entitlement twice in one list would be paid twice: refuse the list, don't guess.
        if (seen.has(entry.entitlementId)) return problem('DUPLICATE_ENTITLEMENT', 'appears more than once in the list', `entitlements[${i}].entitlementId`);
        seen.add(entry.entitlementId);
        return entryProblem(entry, `entitlements[${i}]`);
      }),
  );
}

function entryProblem(entry: PayrollEntry, field: string): Check {
  return firstOf(
    () => idProblem(entry.entitlementId, `${field}.entitlementId`),
    () => idProblem(entry.applicationId, `${field}.applicationId`),
    () => programmeProblem(entry.programme, `${field}.programme`),
    () => regionProblem(entry.region, `${field}.region`),
    () => fenProblem(entry.monthlyAmountFen, `${field}.monthlyAmountFen`, 1),
    () => monthProblem(entry.startMonth, `${field}.startMonth`),
    () => (entry.stopMonth === undefined ? undefined : monthProblem(entry.stopMonth, `${field}.stopMonth`)),
    () => firstInList(entry.suspensions ?? [], (s, j) => monthProblem(s.fromMonth, `${field}.suspensions[${j}].fromMonth`)),
    () => firstInList(entry.paidMonths ?? [], (m, j) => monthProblem(m, `${field}.paidMonths[${j}]`)),
    () => bankAccountProblem(entry.payee, `${field}.payee`),
  );
}
