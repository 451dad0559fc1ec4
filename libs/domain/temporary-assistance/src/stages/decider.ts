/**
 * 一次审批、分阶段救助: one approval's stages, each paid by its own payment instruction on or after
 * its date, exactly once (a stage issued is never issued again, whichever run asks), with the
 * bank's result recorded against it.
 */
import { accept, type Decider, type Decision } from '@sa/domain-shared';
import { problem, rejectWith } from '../rejections';
import type { IssueStageInstruction, RecordStageResult, StagePaymentCommand } from './commands';
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
  }
}

function withStage(state: Scheduled, stageNo: number, change: Partial<Stage>): Scheduled {
  return { ...state, stages: state.stages.map((s) => (s.stageNo === stageNo ? { ...s, ...change } : s)) };
}

function evolve(state: StagePaymentState, event: StagePaymentEvent): StagePaymentState {
  if (event.type === 'StagesScheduled') {
    const { caseId, township, payee, stages } = event.data;
    return { status: 'scheduled', caseId, township, payee, stages: stages.map((s, i) => ({ ...s, stageNo: i + 1, status: 'scheduled' })) };
  }
  if (state.status !== 'scheduled') return state;
  switch (event.type) {
    case 'StageInstructionIssued':
      return withStage(state, event.data.stageNo, { status: 'issued', instructionId: event.data.instructionId });
    case 'StagePaid':
      return withStage(state, event.data.stageNo, { status: 'paid' });
    case 'StagePaymentFailed':
      return withStage(state, event.data.stageNo, { status: 'failed' });
  }
}

export const stagePaymentDecider: Decider<StagePaymentCommand, StagePaymentEvent, StagePaymentState> = {
  initialState: initialStagePaymentState,
  decide,
  evolve,
};
