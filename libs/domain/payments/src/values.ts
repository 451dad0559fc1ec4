/** Value types shared by entitlements, payroll runs and bank files. */

/** 最低生活保障 (dibao) or 特困人员救助供养 (extreme-poverty support). */
export type Programme = 'dibao' | 'extreme-poverty';

export const programmes: readonly Programme[] = ['dibao', 'extreme-poverty'];

/** The account benefits are paid into (社会救助资金发放账户). Personal data. */
export interface BankAccount {
  readonly bankName: string;
  readonly accountHolder: string;
  readonly accountNumber: string;
}

/**
 * A person the entitlement covers (保障对象): the household member's id and resident ID, so a death
 * reported by public security can be matched to every entitlement covering that person. Personal data.
 */
export interface CoveredMember {
  readonly memberId: string;
  readonly residentId: string;
}

/**
 * 单人保: the entitlement covers one member of a marginal household alone (a household of one),
 * decided in its own case from the household's economic check.
 */
export interface SinglePersonOf {
  readonly householdApplicationId: string;
  readonly memberId: string;
}

/** Why an entitlement ends; the same words as the outbound entitlement-stopped contract. */
export type StopReason = 'death' | 'exit' | 'moved-away' | 'review-failed' | 'voluntary-withdrawal';

/** Reasons a case worker may stop an entitlement directly (death and exit have their own commands). */
export type TerminationReason = Extract<StopReason, 'moved-away' | 'review-failed' | 'voluntary-withdrawal'>;

export const terminationReasons: readonly TerminationReason[] = ['moved-away', 'review-failed', 'voluntary-withdrawal'];

/** Why payments pause without ending (暂停发放). */
export type SuspensionReason = 'review-overdue' | 'whereabouts-unknown' | 'under-investigation' | 'account-problem' | 'other';

export const suspensionReasons: readonly SuspensionReason[] = ['review-overdue', 'whereabouts-unknown', 'under-investigation', 'account-problem', 'other'];

/** A paused stretch: from fromMonth up to (not including) untilMonth; open while untilMonth is absent. */
export interface Suspension {
  readonly fromMonth: string;
  readonly untilMonth?: string;
}
