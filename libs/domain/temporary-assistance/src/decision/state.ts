import type { Fen } from '@sa/domain-shared';
import type { TemporaryCaseFacts } from './commands';

export type TemporaryDecisionState =
  | { readonly status: 'not-opened' }
  | {
      readonly status: 'awaiting-township' | 'awaiting-county' | 'approved' | 'rejected';
      readonly facts: TemporaryCaseFacts;
      readonly urgentAdvanceFen: Fen;
      readonly urgentDrawIds: readonly string[];
      /** Who reviewed it at the township when it went to the county (segregation of duties). */
      readonly townshipReviewerId?: string;
      /** The amount approved, once it is (what the household's yearly-cap ledger counts for this case). */
      readonly approvedTotalFen?: Fen;
    };

export type OpenedTemporaryDecision = Exclude<TemporaryDecisionState, { status: 'not-opened' }>;

export const initialTemporaryDecisionState: TemporaryDecisionState = { status: 'not-opened' };
