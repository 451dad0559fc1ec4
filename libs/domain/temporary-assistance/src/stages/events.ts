import type { Actor, Fen } from '@sa/domain-shared';
import type { PaymentStage } from '../decision/commands';
import type { StagePayee } from './commands';

export interface StagesScheduled {
  readonly type: 'StagesScheduled';
  readonly data: {
    readonly caseId: string;
    readonly township: string;
    readonly payee: StagePayee;
    readonly stages: readonly PaymentStage[];
    readonly approvedAt: string;
  };
}

/** Shaped like payroll's PaymentInstructionIssued data so the same bank-file writer formats it. */
export interface StageInstructionIssued {
  readonly type: 'StageInstructionIssued';
  readonly data: {
    readonly caseId: string;
    readonly stageNo: number;
    readonly runId: string;
    readonly instructionId: string;
    readonly payee: StagePayee;
    readonly amountFen: Fen;
    readonly dueDate: string;
    /** The bank statement line: 临时救助 with the case and stage. */
    readonly reference: string;
  };
}

export interface StagePaid {
  readonly type: 'StagePaid';
  readonly data: {
    readonly caseId: string;
    readonly stageNo: number;
    readonly instructionId: string;
    readonly bankReference?: string;
    readonly recordedAt: string;
  };
}

export interface StagePaymentFailed {
  readonly type: 'StagePaymentFailed';
  readonly data: { readonly caseId: string; readonly stageNo: number; readonly instructionId: string; readonly reason: string; readonly recordedAt: string };
}

export interface StagePayeeCorrected {
  readonly type: 'StagePayeeCorrected';
  readonly data: {
    readonly caseId: string;
    readonly payee: StagePayee;
    /** The stages the bank refused, to be issued again to the new account. */
    readonly reissuedStageNos: readonly number[];
    readonly reason: string;
    readonly correctedBy: Actor;
    readonly correctedAt: string;
  };
}

export type StagePaymentEvent = StagesScheduled | StageInstructionIssued | StagePaid | StagePaymentFailed | StagePayeeCorrected;
