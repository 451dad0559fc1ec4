/** The investigator's findings (入户调查) as data: what changed, why, on what evidence, by whom. */
import type { Actor, Fen } from '@sa/domain-shared';
import type { RigidExpenditureKind, SupporterStatus, SupportPaymentWaiver, WorkAbility } from '../household-values';

export interface RigidExpenditureFacts {
  readonly memberId: string;
  readonly kind: RigidExpenditureKind;
  readonly monthlyFen: Fen;
  readonly fromMonth: string;
  readonly months: number;
}

/** An obliged supporter outside the household as the investigator found them. */
export interface SupporterFacts {
  readonly residentId: string;
  readonly relation: 'child' | 'parent' | 'spouse' | 'sibling' | 'grandchild' | 'grandparent' | 'other';
  readonly supportsMemberId: string;
  readonly monthlySupportFen: Fen;
}

export type InvestigatorFinding =
  | { readonly kind: 'rigid-expenditure-recorded'; readonly expenditure: RigidExpenditureFacts }
  | { readonly kind: 'rigid-expenditure-corrected'; readonly expenditureId: string; readonly expenditure: RigidExpenditureFacts }
  | { readonly kind: 'rigid-expenditure-rejected'; readonly expenditureId: string }
  /**
   * A county record confirmed as rigid expenditure from `fromMonth` for `months`: a large medical bill
   * (its amount spread over the months) or a serious-illness record (with the monthly spending found).
   */
  | {
      readonly kind: 'county-candidate-confirmed';
      readonly sourceMessageId: string;
      readonly fromMonth: string;
      readonly months: number;
      readonly monthlyFen?: Fen;
    }
  | { readonly kind: 'county-candidate-rejected'; readonly sourceMessageId: string }
  | { readonly kind: 'supporter-status-recorded'; readonly supporterId: string; readonly status: SupporterStatus }
  | { readonly kind: 'supporter-recorded'; readonly supporter: SupporterFacts }
  | { readonly kind: 'supporter-corrected'; readonly supporterId: string; readonly supporter: SupporterFacts }
  | { readonly kind: 'supporter-rejected'; readonly supporterId: string }
  | { readonly kind: 'support-waiver-granted'; readonly waiver: SupportPaymentWaiver }
  | { readonly kind: 'support-waiver-refused' }
  | {
      readonly kind: 'member-facts-corrected';
      readonly memberId: string;
      readonly workAbility?: WorkAbility;
      readonly disabilityGrade?: 1 | 2 | 3 | 4 | null;
      readonly seriousIllness?: boolean;
      readonly student?: boolean;
    }
  | { readonly kind: 'visit-recorded'; readonly facts: string };

/** One finding as the household keeps it: what, why, on what evidence, by whom, when. */
export interface InvestigationRecord {
  readonly finding: InvestigatorFinding;
  readonly reason: string;
  readonly evidenceReference: string;
  readonly recordedBy: Actor;
  readonly recordedAt: string;
}
