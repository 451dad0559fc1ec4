/** Value types of the household the check sees, kept apart so the investigation's findings can use them without an import circle. */

/** 劳动能力. */
export type WorkAbility = 'full' | 'partial' | 'none';

/** What the obliged supporter (赡养/抚养/扶养义务人) is: support from a low-income supporter is not counted. */
export type SupporterStatus = 'extreme-poverty' | 'dibao' | 'low-income' | 'not-low-income';

/** 刚性支出: 因病、因残、因学. */
export type RigidExpenditureKind = 'medical' | 'disability' | 'education';

/**
 * Why support payments are not counted for this household at all: an expenditure-type hardship
 * household after village appraisal and township filing (运民发〔2021〕59号), or a rural-revitalisation
 * monitored household whose risk is not resolved (长民函〔2022〕76号).
 */
export interface SupportPaymentWaiver {
  readonly ground: 'expenditure-type-hardship' | 'monitored-household-unresolved-risk';
  /** Filing or appraisal reference, so an auditor can find the decision. */
  readonly reference: string;
}
