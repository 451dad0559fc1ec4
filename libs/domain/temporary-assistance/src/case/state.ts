import type { Fen } from '@sa/domain-shared';
import type { TemporaryAssistanceApplied } from './events';

export interface UrgentPayment {
  readonly drawId: string;
  readonly amountFen: Fen;
  readonly documentsDueBy: string;
}

export type TemporaryCaseState =
  | { readonly status: 'not-applied' }
  | {
      readonly status: 'open';
      readonly facts: TemporaryAssistanceApplied['data'];
      readonly urgent?: UrgentPayment;
      readonly documentsReceived: boolean;
      readonly overdueFlagged: boolean;
      readonly convertedTo?: string;
    };

export type OpenTemporaryCase = Extract<TemporaryCaseState, { status: 'open' }>;

export const initialTemporaryCaseState: TemporaryCaseState = { status: 'not-applied' };
