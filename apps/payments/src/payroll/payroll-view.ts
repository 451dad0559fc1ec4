/**
 * A payroll run as its events say: what was issued to whom (accounts masked), what the bank
 * reported, and the totals a fund auditor ties to the bank. Pure: built from the run's history.
 */
import { maskAccountNumber, type PayrollEvent, type PaymentInstructionIssued, type PayrollStarted } from '@sa/domain-payments';
import { formatYuan } from '@sa/domain-shared';

interface InstructionView {
  instructionId: string;
  entitlementId: string;
  applicationId: string;
  programme: string;
  region: string;
  month: string;
  amountFen: number;
  amountYuan: string;
  payee: { bankName: string; accountHolder: string; accountNumberMasked: string };
  reference: string;
  outcome: 'pending' | 'paid' | 'failed';
  failureCode?: string;
  failureReason?: string;
  settledAt?: string;
}

export interface PayrollView {
  payrollId: string;
  region: string;
  month: string;
  status: 'issued' | 'partly-settled' | 'reconciled';
  startedBy: PayrollStarted['data']['startedBy'];
  startedAt: string;
  instructionCount: number;
  totalFen: number;
  totalYuan: string;
  excluded: PayrollStarted['data']['excluded'];
  settlement: { paidCount: number; paidFen: number; failedCount: number; failedFen: number; pendingCount: number };
  reconciledAt?: string;
  instructions: InstructionView[];
}

export function payrollViewOf(history: readonly PayrollEvent[]): PayrollView | undefined {
  const started = history.find((e): e is PayrollStarted => e.type === 'PayrollStarted');
  if (!started) return undefined;
  const instructions = new Map<string, InstructionView>();
  let reconciledAt: string | undefined;
  for (const event of history) {
    if (event.type === 'PaymentInstructionIssued') instructions.set(event.data.instructionId, instructionView(event.data));
    else if (event.type === 'PaymentSucceeded') settle(instructions, event.data.instructionId, { outcome: 'paid', settledAt: event.data.settledAt });
    else if (event.type === 'PaymentFailed') {
      const { failureCode, failureReason, settledAt } = event.data;
      settle(instructions, event.data.instructionId, { outcome: 'failed', failureCode, failureReason, settledAt });
    } else if (event.type === 'PayrollReconciled') reconciledAt = event.data.reconciledAt;
  }
  const all = [...instructions.values()];
  const sum = (outcome: InstructionView['outcome']) => all.filter((i) => i.outcome === outcome).reduce((s, i) => s + i.amountFen, 0);
  const count = (outcome: InstructionView['outcome']) => all.filter((i) => i.outcome === outcome).length;
  const pendingCount = count('pending');
  const { payrollId, region, month, startedBy, startedAt, instructionCount, totalFen, excluded } = started.data;
  return {
    payrollId,
    region,
    month,
    status: pendingCount === 0 && all.length > 0 ? 'reconciled' : pendingCount < all.length ? 'partly-settled' : 'issued',
    startedBy,
    startedAt,
    instructionCount,
    totalFen,
    totalYuan: formatYuan(totalFen),
    excluded,
    settlement: { paidCount: count('paid'), paidFen: sum('paid'), failedCount: count('failed'), failedFen: sum('failed'), pendingCount },
    ...(reconciledAt ? { reconciledAt } : {}),
    instructions: all,
  };
}

export function issuedInstructions(history: readonly PayrollEvent[]): Array<PaymentInstructionIssued['data']> {
  return history.filter((e): e is PaymentInstructionIssued => e.type === 'PaymentInstructionIssued').map((e) => e.data);
}

function instructionView(d: PaymentInstructionIssued['data']): InstructionView {
  return {
    instructionId: d.instructionId,
    entitlementId: d.entitlementId,
    applicationId: d.applicationId,
    programme: d.programme,
    region: d.region,
    month: d.month,
    amountFen: d.amountFen,
    amountYuan: formatYuan(d.amountFen),
    payee: { bankName: d.payee.bankName, accountHolder: d.payee.accountHolder, accountNumberMasked: maskAccountNumber(d.payee.accountNumber) },
    reference: d.reference,
    outcome: 'pending',
  };
}

function settle(instructions: Map<string, InstructionView>, id: string, outcome: Partial<InstructionView>): void {
  const instruction = instructions.get(id);
  if (instruction) instructions.set(id, { ...instruction, ...outcome });
}
