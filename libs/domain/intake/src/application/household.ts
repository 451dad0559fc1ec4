/**
 * What an application declares about the household (家庭成员、收入、财产): the facts the economic
 * check (家庭经济状况核对) later verifies against other departments' data.
 */

import type { EconomicDeclarations } from './economic-declarations';

/** 最低生活保障 (dibao) or 特困人员救助供养 (extreme-poverty support). */
export const programmes = ['dibao', 'extreme-poverty'] as const;
export type Programme = (typeof programmes)[number];

/** Applied where the hukou is (户籍地) or where the household lives (居住地申报, e.g. residence-permit holders). */
export const applicationLocations = ['hukou', 'residence'] as const;
export type ApplicationLocation = (typeof applicationLocations)[number];

/** How the case reached intake: at the counter, a village report, the 12345 hotline, or a data alert. */
export const channels = ['walk-in', 'village-report', 'hotline-12345', 'data-alert'] as const;
export type Channel = (typeof channels)[number];

/** Relation to the applicant (与申请人关系). */
export const relations = ['applicant', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'grandparent', 'other'] as const;
export type Relation = (typeof relations)[number];

/** Work ability (劳动能力): extreme-poverty support requires none. */
export const workAbilities = ['full', 'partial', 'none'] as const;
export type WorkAbility = (typeof workAbilities)[number];

/** Disability grade 1 (most severe) to 4 (残疾等级). */
export const disabilityGrades = [1, 2, 3, 4] as const;
export type DisabilityGrade = (typeof disabilityGrades)[number];

/** Income kinds are kept apart because the economic check counts each differently. */
export const incomeKinds = [
  'wage', // 工资性收入
  'business', // 经营净收入
  'farming', // 农业生产收入
  'property-rental', // 财产净收入
  'pension-resident-basic', // 城乡居民基本养老金: not counted
  'pension-employee', // 职工基本养老金
  'unemployment-benefit', // 失业保险金
  'support-payment', // 赡养/抚养/扶养费: counted depending on the payer
  'happiness-post-wage', // 幸福岗位工资: not counted below the minimum wage
  'other',
] as const;
export type IncomeKind = (typeof incomeKinds)[number];

export interface DeclaredIncome {
  readonly kind: IncomeKind;
  /** Declared monthly amount, integer fen. */
  readonly monthlyFen: number;
  /** Who pays it, when known. */
  readonly source?: string;
}

export interface HouseholdMember {
  /** Id of the member within the application, issued by the caller. */
  readonly memberId: string;
  /** 公民身份号码, GB 11643; stored upper-case. */
  readonly residentId: string;
  readonly name: string;
  readonly relation: Relation;
  /** YYYY-MM-DD; must equal the birth date inside the resident ID. */
  readonly birthDate: string;
  readonly disabilityGrade: DisabilityGrade | null;
  /** 重病: matters for single-person coverage (单人保) and rigid expenditure. */
  readonly seriousIllness: boolean;
  readonly workAbility: WorkAbility;
  /** 在校学生; absent on applications taken before it was asked. */
  readonly student?: boolean;
  readonly declaredMonthlyIncomes: readonly DeclaredIncome[];
}

export interface DeclaredAssets {
  /** Motor vehicles the household owns (机动车). */
  readonly vehicles: number;
  /** Dwellings the household owns (房产). */
  readonly dwellings: number;
  /** Deposits, securities and cash of the whole household (存款、有价证券、现金), integer fen. */
  readonly financialAssetsFen: number;
  /** Registered businesses of household members (个体工商户/企业). */
  readonly businessRegistrations: number;
}

/** Account benefits are paid into (社会救助资金发放账户). */
export interface BankAccount {
  readonly bankName: string;
  readonly accountHolder: string;
  readonly accountNumber: string;
}

export interface Household extends EconomicDeclarations {
  readonly members: readonly HouseholdMember[];
  readonly declaredAssets: DeclaredAssets;
  readonly bankAccount: BankAccount;
}

export interface Consents {
  /** 核对授权: no economic check, no approval (逢进必核) — so it is required to submit. */
  readonly economicCheck: boolean;
  /** 慈善转介: optional; lets charity referral offer help if the case is rejected or hardship remains. */
  readonly charityReferral: boolean;
}

/**
 * 近亲属备案: a household member is a close relative of a village cadre or civil-affairs staff
 * member. Declared cases are flagged, the core control against favouritism (人情保/关系保).
 */
export type NearRelativeDeclaration =
  { readonly declared: false } | { readonly declared: true; readonly relationToStaff: string; readonly staffName: string; readonly staffPost: string };
