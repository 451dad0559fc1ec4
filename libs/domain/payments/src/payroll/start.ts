/**
 * Starting a payroll run and issuing its batches. Idempotent by construction: the run id is
 * derived from region and month, so a second StartPayroll for the same region and month lands on
 * the same stream and is refused (PAYROLL_ALREADY_STARTED); each instruction id is derived from
 * entitlement and month; and a batch must carry ids ascending after the run's cursor, so no
 * entitlement is considered twice in one run, however often a crashed run is resumed.
 */
import { accept, fen, isWithin, type Decision, type Fen, type RegionCode } from '@sa/domain-shared';
import { paymentInstructionId, payrollRunId } from '../deterministic-id';
import { problem, refuse } from '../rejections';
import { actorProblem, firstOf, idProblem, instantProblem, monthProblem, regionCodeOf, regionProblem, type Check } from '../validation';
import type { Programme } from '../values';
import type { ClosePayroll, IssuePayrollBatch, StartPayroll } from './commands';
import type { BatchInstruction, ExcludedEntitlement, PayrollEvent } from './events';
import { batchProblem, maxBatchSize } from './batch-validation';
import { amountForMonth, payabilityIn, type ExclusionReason, type PayrollEntry } from './payroll-entry';
import type { PayrollState, StartedPayroll } from './state';

/**
 * Instructions per PaymentInstructionsIssued: a batch of 1,000 is ten events of about 36 kB. A
 * subscriber catching up reads a thousand events at once: 36 MB of text (at 250 per event, 90 MB,
 * and the service passed 1.4 GB at 1,000,000 with its relay and feedback catching up together).
 */
export const instructionsPerEvent = 100;

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
  const { payrollId, month, batchSize, plannedEntitlements, startedBy, startedAt } = command;
  const plannedBatches = Math.ceil(plannedEntitlements / batchSize);
  return accept({ type: 'PayrollStarted', data: { payrollId, region, month, batchSize, plannedEntitlements, plannedBatches, startedBy, startedAt } });
}

export function decideIssueBatch(command: IssuePayrollBatch, state: PayrollState): Decision<PayrollEvent> {
  const run = openRun(state, command.payrollId);
  if (!run.ok) return run.refusal;
  const invalid = firstOf(
    () => instantProblem(command.issuedAt, 'issuedAt'),
    () => batchProblem(command, run.state),
  );
  if (invalid) return refuse(invalid);
  const excluded: ExcludedEntitlement[] = [];
  const instructions: BatchInstruction[] = [];
  let totalFen: Fen = fen(0);
  for (const entry of command.entitlements) {
    const reason = exclusionOf(entry, run.state.region, run.state.month);
    if (reason) excluded.push({ entitlementId: entry.entitlementId, reason });
    else {
      const instruction = instructionFor(entry, run.state);
      instructions.push(instruction);
      totalFen = fen(totalFen + instruction.amountFen);
    }
  }
  const last = command.entitlements[command.entitlements.length - 1] as PayrollEntry;
  const data = {
    payrollId: run.state.payrollId,
    batch: command.batch,
    lastEntitlementId: last.entitlementId,
    instructionCount: instructions.length,
    totalFen,
    excluded,
    issuedAt: command.issuedAt,
  };
  const { payrollId, month } = run.state;
  const events: PayrollEvent[] = [];
  for (let from = 0; from < instructions.length; from += instructionsPerEvent) {
    const part = instructions.slice(from, from + instructionsPerEvent);
    events.push({ type: 'PaymentInstructionsIssued', data: { payrollId, batch: command.batch, month, issuedAt: command.issuedAt, instructions: part } });
  }
  events.push({ type: 'PayrollBatchIssued', data });
  return { ok: true, events };
}

export function decideClosePayroll(command: ClosePayroll, state: PayrollState): Decision<PayrollEvent> {
  const run = openRun(state, command.payrollId);
  if (!run.ok) return run.refusal;
  const invalid = instantProblem(command.closedAt, 'closedAt');
  if (invalid) return refuse(invalid);
  const { payrollId, batchesDone, instructionCount, totalFen, excludedCount } = run.state;
  return accept({ type: 'PayrollClosed', data: { payrollId, batches: batchesDone, instructionCount, totalFen, excludedCount, closedAt: command.closedAt } });
}

type OpenRun = { ok: true; state: StartedPayroll } | { ok: false; refusal: Decision<never> };

function openRun(state: PayrollState, payrollId: string): OpenRun {
  if (state.status === 'not-started' || state.payrollId !== payrollId) {
    return { ok: false, refusal: refuse(problem('PAYROLL_NOT_FOUND', 'no payroll run with this id has started', 'payrollId')) };
  }
  if (state.closed) return { ok: false, refusal: refuse(problem('PAYROLL_CLOSED', 'the run has issued all its batches', 'payrollId')) };
  return { ok: true, state };
}

function exclusionOf(entry: PayrollEntry, runRegion: RegionCode, month: string): ExclusionReason | undefined {
  const region = regionCodeOf(entry.region) as RegionCode;
  if (!isWithin(region, runRegion)) return 'outside-region';
  const payability = payabilityIn(entry, month);
  return payability === 'payable' ? undefined : payability;
}

function instructionFor(entry: PayrollEntry, run: StartedPayroll): BatchInstruction {
  return {
    instructionId: paymentInstructionId(entry.entitlementId, run.month),
    entitlementId: entry.entitlementId,
    applicationId: entry.applicationId,
    programme: entry.programme,
    region: regionCodeOf(entry.region) as RegionCode,
    amountFen: amountForMonth(entry, run.month),
    payee: { bankName: entry.payee.bankName, accountHolder: entry.payee.accountHolder, accountNumber: entry.payee.accountNumber },
    reference: paymentReference(entry.programme, run.month),
  };
}

function startProblem(c: StartPayroll): Check {
  return firstOf(
    () => idProblem(c.payrollId, 'payrollId'),
    () => regionProblem(c.region, 'region'),
    () => monthProblem(c.month, 'month'),
    () => actorProblem(c.startedBy, 'startedBy'),
    () => instantProblem(c.startedAt, 'startedAt'),
    () =>
      Number.isInteger(c.batchSize) && c.batchSize >= 1 && c.batchSize <= maxBatchSize
        ? undefined
        : problem('INVALID_BATCH_SIZE', `must be a whole number from 1 to ${maxBatchSize}`, 'batchSize'),
    () =>
      Number.isSafeInteger(c.plannedEntitlements) && c.plannedEntitlements >= 0
        ? undefined
        : problem('INVALID_BATCH_SIZE', 'must be a whole number of entitlements, 0 or more', 'plannedEntitlements'),
  );
}
