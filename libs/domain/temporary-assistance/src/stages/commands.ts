import type { Actor } from '@sa/domain-shared';
import type { PaymentStage } from '../decision/commands';

export interface StagePayee {
  readonly accountHolder: string;
  readonly accountNumber: string;
}

/** From approval's decision: the stages to pay, each later its own payment instruction. */
export interface ScheduleStages {
  readonly type: 'ScheduleStages';
  readonly caseId: string;
  readonly township: string;
  readonly payee: StagePayee;
  readonly stages: readonly PaymentStage[];
  readonly approvedAt: string;
}

/** A stage run puts a due stage in a bank file: once, whatever retries or second runs happen. */
export interface IssueStageInstruction {
  readonly type: 'IssueStageInstruction';
  readonly caseId: string;
  readonly stageNo: number;
  readonly instructionId: string;
  readonly runId: string;
  /** The China calendar day of the run: a stage is not paid before its date. */
  readonly today: string;
}

export interface RecordStageResult {
  readonly type: 'RecordStageResult';
  readonly caseId: string;
  readonly instructionId: string;
  readonly outcome: 'paid' | 'failed';
  readonly bankReference?: string;
  readonly reason?: string;
  readonly recordedAt: string;
}

/**
 * The person's account, corrected (a closed or mistyped account made the bank refuse a stage): the
 * stages the bank refused go back to be issued again, to the new account, each under a new
 * instruction id — the refused instruction paid nothing, so the stage is still owed once.
 */
export interface CorrectStagePayee {
  readonly type: 'CorrectStagePayee';
  readonly caseId: string;
  readonly payee: StagePayee;
  readonly reason: string;
  readonly correctedBy: Actor;
  readonly correctedAt: string;
}

export type StagePaymentCommand = ScheduleStages | IssueStageInstruction | RecordStageResult | CorrectStagePayee;
