/**
 * A payroll run as its events say: progress (batches done of those planned), what was issued to
 * whom (accounts masked), what the bank reported, and the totals a fund auditor ties to the bank.
 * Pure: built from the run's history. The summary needs only the run's control events (start,
 * batches, close, bank-result chunks), so a run of a million instructions answers its progress
 * without reading them; the instructions themselves are listed for runs up to `listLimit`.
 */
import { instructionsOf, maskAccountNumber, settlementsOf, type PaymentInstructionIssued, type PayrollEvent, type PayrollStarted } from '@sa/domain-payments';
import { formatYuan } from '@sa/domain-shared';

/** Largest run whose instructions GET /payrolls/{id} lists; beyond it the disbursement file is the list. */
export const listLimit = 5_000;

/** The events the summary is built from (a small share of a big run's stream). */
export const summaryEventTypes = ['PayrollStarted', 'PayrollBatchIssued', 'PayrollClosed', 'BankResultsRecorded', 'PayrollReconciled'] as const;

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
  status: 'running' | 'issued' | 'partly-settled' | 'reconciled';
  progress: { batchesDone: number; batchesPlanned: number; batchSize: number; closed: boolean };
  startedBy: PayrollStarted['data']['startedBy'];
  startedAt: string;
  closedAt?: string;
  instructionCount: number;
  totalFen: number;
  totalYuan: string;
  excluded: Array<{ entitlementId: string; reason: string }>;
  settlement: { paidCount: number; paidFen: number; failedCount: number; failedFen: number; pendingCount: number };
  reconciledAt?: string;
  /** Whether `instructions` lists every instruction (false for runs above listLimit, or when not asked). */
  instructionsListed: boolean;
  instructions: InstructionView[];
}

export function payrollViewOf(history: Iterable<PayrollEvent>): PayrollView | undefined {
  let view: PayrollView | undefined;
  const instructions = new Map<string, InstructionView>();
  for (const event of history) {
    if (event.type === 'PayrollStarted') view = startedView(event.data);
    if (!view) continue;
    applyTo(view, instructions, event);
  }
  if (!view) return undefined;
  const s = view.settlement;
  s.pendingCount = view.instructionCount - s.paidCount - s.failedCount;
  const settledAny = s.paidCount + s.failedCount > 0;
  view.status = !view.progress.closed ? 'running' : view.reconciledAt ? 'reconciled' : settledAny ? 'partly-settled' : 'issued';
  view.instructionsListed = instructions.size === view.instructionCount && view.progress.closed;
  view.instructions = view.instructionsListed ? [...instructions.values()] : [];
  return view;
}

function applyTo(view: PayrollView, instructions: Map<string, InstructionView>, event: PayrollEvent): void {
  switch (event.type) {
    case 'PaymentInstructionIssued':
      instructions.set(event.data.instructionId, instructionView(event.data));
      return;
    case 'PaymentInstructionsIssued':
      for (const d of instructionsOf(event)) instructions.set(d.instructionId, instructionView(d));
      return;
    case 'PayrollBatchIssued':
      view.progress.batchesDone = event.data.batch + 1;
      view.instructionCount += event.data.instructionCount;
      view.totalFen += event.data.totalFen;
      view.totalYuan = formatYuan(view.totalFen as never);
      if (view.excluded.length < listLimit) view.excluded.push(...event.data.excluded.slice(0, listLimit - view.excluded.length));
      return;
    case 'PayrollClosed':
      view.progress.closed = true;
      view.progress.batchesPlanned = event.data.batches;
      view.closedAt = event.data.closedAt;
      return;
    case 'BankResultsRecorded': {
      const s = view.settlement;
      s.paidCount += event.data.paidCount;
      s.paidFen += event.data.paidFen;
      s.failedCount += event.data.failedCount;
      s.failedFen += event.data.failedFen;
      return;
    }
    case 'PaymentsSettled':
      for (const one of settlementsOf(event)) applyTo(view, instructions, one);
      return;
    case 'PaymentSucceeded':
      settle(instructions, event.data.instructionId, { outcome: 'paid', settledAt: event.data.settledAt });
      return;
    case 'PaymentFailed': {
      const { failureCode, failureReason, settledAt } = event.data;
      settle(instructions, event.data.instructionId, { outcome: 'failed', failureCode, failureReason, settledAt });
      return;
    }
    case 'PayrollReconciled':
      view.reconciledAt = event.data.reconciledAt;
      return;
  }
}

function startedView(d: PayrollStarted['data']): PayrollView {
  return {
    payrollId: d.payrollId,
    region: d.region,
    month: d.month,
    status: 'running',
    progress: { batchesDone: 0, batchesPlanned: d.plannedBatches, batchSize: d.batchSize, closed: false },
    startedBy: d.startedBy,
    startedAt: d.startedAt,
    instructionCount: 0,
    totalFen: 0,
    totalYuan: formatYuan(0 as never),
    excluded: [],
    settlement: { paidCount: 0, paidFen: 0, failedCount: 0, failedFen: 0, pendingCount: 0 },
    instructionsListed: false,
    instructions: [],
  };
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
  if (instruction) Object.assign(instruction, outcome);
}
