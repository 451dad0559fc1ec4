/** Income items and deaths as the income rules take them (kept apart so rule modules share them without a circle). */
import type { Fen } from '@sa/domain-shared';
import type { IncomeKind, SupporterStatus } from '../household';
import type { TraceParameters } from '../rule-trace';

/** One monthly income of one member, declared or found in department records. */
export interface IncomeItem {
  readonly memberId: string;
  readonly kind: IncomeKind;
  readonly monthlyFen: Fen;
  readonly origin: 'declared' | 'department';
  readonly source?: string;
  readonly supporterStatus?: SupporterStatus;
  /** For department figures: what was declared, what was reported, which messages. */
  readonly parameters?: TraceParameters;
}

export interface DeceasedMember {
  readonly memberId: string;
  readonly dateOfDeath: string;
}
