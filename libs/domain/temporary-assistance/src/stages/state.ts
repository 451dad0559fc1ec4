import type { Fen } from '@sa/domain-shared';
import type { StagePayee } from './commands';

export interface Stage {
  readonly stageNo: number;
  readonly dueDate: string;
  readonly amountFen: Fen;
  readonly status: 'scheduled' | 'issued' | 'paid' | 'failed';
  readonly instructionId?: string;
  /** 1, then one more each time a refused stage is issued again to a corrected account. */
  readonly attempt: number;
}

export type StagePaymentState =
  | { readonly status: 'not-scheduled' }
  | { readonly status: 'scheduled'; readonly caseId: string; readonly township: string; readonly payee: StagePayee; readonly stages: readonly Stage[] };

export const initialStagePaymentState: StagePaymentState = { status: 'not-scheduled' };
