/**
 * 一次审批、分阶段救助: one approval's stages, each paid by its own payment instruction on or after
 * its date, exactly once (a stage issued is never issued again, whichever run asks), with the
 * bank's result recorded against it. A stage the bank refused is issued again once the account is
 * corrected, under a new instruction id (the refused one paid nothing).
 */
import { accept, isBlank, type Decider, type Decision } from '@sa/domain-shared';
import { problem, rejectWith } from '../rejections';
import type { CorrectStagePayee, IssueStageInstruction, RecordStageResult, StagePaymentCommand } from './commands';
import type { StagePaymentEvent } from './events';
import { initialStagePaymentState, type Stage, type StagePaymentState } from './state';

type Scheduled = Extract<StagePaymentState, { status: 'scheduled' }>;

function scheduled(state: StagePaymentState, caseId: string): Scheduled | undefined {
  return state.status === 'scheduled' && state.caseId === caseId ? state : undefined;
}

function decideIssue(command: IssueStageInstruction, state: StagePaymentState): Decision<StagePaymentEvent> {
  const plan = scheduled(state, command.caseId);
  const stage = plan?.stages.find((s) => s.stageNo === command.stageNo);
  if (!plan || !stage) return rejectWith(problem('STAGE_NOT_FOUND', `Case ${command.caseId} has no stage ${command.stageNo}`, 'stageNo'));
  if (stage.status !== 'scheduled') {
    return rejectWith(
      problem('STAGE_ALREADY_ISSUED', `Stage ${command.stageNo} of case ${command.caseId} is already in instruction ${stage.instructionId}`, 'stageNo'),
    );
  }
  if (stage.dueDate > command.today) return rejectWith(problem('STAGE_NOT_DUE', `Stage ${command.stageNo} is due on ${stage.dueDate}`, 'stageNo'));
  return accept<StagePaymentEvent>({
    type: 'StageInstructionIssued',
    data: {
      caseId: command.caseId,
      stageNo: command.stageNo,
      runId: command.runId,
      instructionId: command.instructionId,
      payee: plan.payee,
      amountFen: stage.amountFen,
      dueDate: stage.dueDate,
      reference: `临时救助${command.caseId.slice(0, 8)}第${command.stageNo}期`,
    },
  });
}

function decideResult(command: RecordStageResult, state: StagePaymentState): Decision<StagePaymentEvent> {
  const plan = scheduled(state, command.caseId);
  const stage = plan?.stages.find((s) => s.instructionId === command.instructionId);
  if (!plan || !stage)
    return rejectWith(problem('STAGE_NOT_ISSUED', `No stage of case ${command.caseId} is in instruction ${command.instructionId}`, 'instructionId'));
  if (stage.status !== 'issued')
    return rejectWith(problem('STAGE_RESULT_ALREADY_RECORDED', `Instruction ${command.instructionId} is already ${stage.status}`, 'instructionId'));
  const base = { caseId: command.caseId, stageNo: stage.stageNo, instructionId: command.instructionId, recordedAt: command.recordedAt };
  return command.outcome === 'paid'
    ? accept<StagePaymentEvent>({ type: 'StagePaid', data: { ...base, ...(command.bankReference ? { bankReference: command.bankReference } : {}) } })
    : accept<StagePaymentEvent>({ type: 'StagePaymentFailed', data: { ...base, reason: command.reason ?? 'no reason given by the bank' } });
}

function decideCorrectPayee(command: CorrectStagePayee, state: StagePaymentState): Decision<StagePaymentEvent> {
  const plan = scheduled(state, command.caseId);
  if (!plan) return rejectWith(problem('STAGE_NOT_FOUND', `Case ${command.caseId} has no stages scheduled`, 'caseId'));
  if (isBlank(command.payee.accountHolder) || !/^\d{12,30}$/.test(command.payee.accountNumber)) {
    return rejectWith(problem('INVALID_PAYEE', 'payee needs the account holder and an account number of 12 to 30 digits', 'payee'));
  }
  if (isBlank(command.reason)) return rejectWith(problem('REASONS_REQUIRED', 'A correction records why the account changed', 'reason'));
  const open = plan.stages.filter((s) => s.status === 'scheduled' || s.status === 'failed');
  if (open.length === 0) return rejectWith(problem('STAGE_ALREADY_ISSUED', `Every stage of case ${command.caseId} is issued or paid`, 'caseId'));
  const { type: _type, ...data } = command;
  const reissuedStageNos = plan.stages.filter((s) => s.status === 'failed').map((s) => s.stageNo);
  return accept<StagePaymentEvent>({ type: 'StagePayeeCorrected', data: { ...data, reissuedStageNos } });
}

function decide(command: StagePaymentCommand, state: StagePaymentState): Decision<StagePaymentEvent> {
  switch (command.type) {
    case 'ScheduleStages': {
      if (state.status !== 'not-scheduled')
        return rejectWith(problem('STAGES_ALREADY_SCHEDULED', `Case ${command.caseId}'s stages are already scheduled`, 'caseId'));
      const { type: _type, ...data } = command;
      return accept<StagePaymentEvent>({ type: 'StagesScheduled', data });
    }
    case 'IssueStageInstruction':
      return decideIssue(command, state);
    case 'RecordStageResult':
      return decideResult(command, state);
    case 'CorrectStagePayee':
      return decideCorrectPayee(command, state);
  }
}

function withStage(state: Scheduled, stageNo: number, change: Partial<Stage>): Scheduled {
  return { ...state, stages: state.stages.map((s) => (s.stageNo === stageNo ? { ...s, ...change } : s)) };
}

function evolve(state: StagePaymentState, event: StagePaymentEvent): StagePaymentState {
  if (event.type === 'StagesScheduled') {
    const { caseId, township, payee, stages } = event.data;
    return { status: 'scheduled', caseId, township, payee, stages: stages.map((s, i) => ({ ...s, stageNo: i + 1, status: 'scheduled', attempt: 1 })) };
  }
  if (state.status !== 'scheduled') return state;
  switch (event.type) {
    case 'StageInstructionIssued':
      return withStage(state, event.data.stageNo, { status: 'issued', instructionId: event.data.instructionId });
    case 'StagePaid':
      return withStage(state, event.data.stageNo, { status: 'paid' });
    case 'StagePaymentFailed':
      return withStage(state, event.data.stageNo, { status: 'failed' });
    case 'StagePayeeCorrected': {
      const again = new Set(event.data.reissuedStageNos);
      const stages = state.stages.map((s) =>
        again.has(s.stageNo) ? { stageNo: s.stageNo, dueDate: s.dueDate, amountFen: s.amountFen, status: 'scheduled' as const, attempt: s.attempt + 1 } : s,
      );
      return { ...state, payee: event.data.payee, stages };
    }
  }
}

export const stagePaymentDecider: Decider<StagePaymentCommand, StagePaymentEvent, StagePaymentState> = {
  initialState: initialStagePaymentState,
  decide,
  evolve,
};
