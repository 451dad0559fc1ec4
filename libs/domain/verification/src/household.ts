/**
 * The household as the economic-status check (家庭经济状况核对) sees it: members, declared incomes,
 * declared assets and rigid expenditures. Mirrors the intake contract's household, plus the facts
 * the income rules need that intake does not ask for (who pays a support payment, waivers).
 */
import type { Fen, ResidentId } from '@sa/domain-shared';
import type { RigidExpenditureKind, SupporterStatus, SupportPaymentWaiver, WorkAbility } from './household-values';
import type { InvestigationRecord } from './investigation/finding-types';
import type { VerificationRejectionCode } from './rejections';

export type { RigidExpenditureKind, SupporterStatus, SupportPaymentWaiver, WorkAbility } from './household-values';

/** 低保 or 特困. */
export type Programme = 'dibao' | 'extreme-poverty';

/** Which standard applies: 城市 (urban) or 农村 (rural) dibao / extreme-poverty standard. */
export type Area = 'urban' | 'rural';

export type Relation = 'applicant' | 'spouse' | 'child' | 'parent' | 'sibling' | 'grandchild' | 'grandparent' | 'other';

/** Income kinds the rules treat differently. */
export type IncomeKind =
  | 'wage' // 工资性收入
  | 'business' // 经营净收入
  | 'farming' // 农业生产收入
  | 'property-rental' // 财产净收入
  | 'pension-resident-basic' // 城乡居民基本养老保险 (not counted in the 14th Five-Year Plan period)
  | 'pension-employee' // 职工基本养老保险
  | 'pension-other' // other pensions
  | 'unemployment-benefit' // 失业保险金
  | 'support-payment' // 赡养/抚养/扶养费
  | 'happiness-post-wage' // 幸福岗位工资
  | 'other';

export const incomeKinds: readonly IncomeKind[] = [
  'wage',
  'business',
  'farming',
  'property-rental',
  'pension-resident-basic',
  'pension-employee',
  'pension-other',
  'unemployment-benefit',
  'support-payment',
  'happiness-post-wage',
  'other',
];

export interface DeclaredIncome {
  readonly kind: IncomeKind;
  readonly monthlyFen: Fen;
  /** Who pays it (employer, payer), when known. */
  readonly source?: string;
  /** For support payments: the supporter's own status; unknown counts the payment (the cautious reading). */
  readonly supporterStatus?: SupporterStatus;
}

export interface HouseholdMember {
  /** Member id within the application. */
  readonly memberId: string;
  readonly residentId: ResidentId;
  readonly relation: Relation;
  readonly workAbility: WorkAbility;
  /** Declared disability grade 1 (most severe) to 4, or null. */
  readonly disabilityGrade: 1 | 2 | 3 | 4 | null;
  readonly seriousIllness: boolean;
  /** 在校学生 (counts in the points-based assessment); absent on households taken before it was asked. */
  readonly student?: boolean;
  readonly declaredMonthlyIncomes: readonly DeclaredIncome[];
}

export interface DeclaredAssets {
  readonly vehicles: number;
  readonly dwellings: number;
  /** Deposits, securities and cash of the whole household. */
  readonly financialAssetsFen: Fen;
  readonly businessRegistrations: number;
}

/**
 * Spending over a period (a year's medical bills, a school year's fees); the rules spread it over
 * the period's months, because income is assessed per month.
 */
export interface RigidExpenditure {
  readonly memberId: string;
  readonly kind: RigidExpenditureKind;
  readonly amountFen: Fen;
  readonly periodMonths: number;
  readonly description?: string;
  /** First month of the spending (YYYY-MM): recognised from it for at most the policy's months. */
  readonly fromMonth?: string;
  /** Receipt, hospital bill or school notice the figure rests on. */
  readonly evidenceReference?: string;
  /** Who put it in the household: declared at intake, an investigator, or a county bill confirmed by one. */
  readonly recordedBy?: 'declared' | 'investigator' | 'county-data-confirmed';
  /** Its id within the household, so an investigator can correct or reject it. */
  readonly expenditureId?: string;
  /** The county message (large medical bill) it was confirmed from. */
  readonly sourceMessageId?: string;
}

/** Whether someone is legally obliged and able to support the household (matters for 特困 only). */
export type ObligedSupporter = 'none' | 'unable-to-support' | 'able-to-support';

/** Where a supporter's own status was learnt (shown with the status in the trace). */
export type SupporterStatusSource = 'declared' | 'investigator' | 'platform-caseload' | 'county-records';

/**
 * An obliged supporter outside the household (赡养/抚养/扶养义务人) and the support paid. The rules
 * see no name or resident ID: the check's trace is published, so the supporter is named by id and relation.
 */
export interface ObligedSupporterRecord {
  readonly supporterId: string;
  readonly residentId: ResidentId;
  readonly relation: 'child' | 'parent' | 'spouse' | 'sibling' | 'grandchild' | 'grandparent' | 'other';
  /** The member the support is paid to. */
  readonly supportsMemberId: string;
  readonly monthlySupportFen: Fen;
  /** The supporter's own status, when known, and where it was learnt. */
  readonly status?: { readonly value: SupporterStatus; readonly source: SupporterStatusSource; readonly reference?: string };
}

export interface HouseholdSnapshot {
  readonly members: readonly HouseholdMember[];
  readonly declaredAssets: DeclaredAssets;
  readonly rigidExpenditures: readonly RigidExpenditure[];
  readonly supportPaymentWaiver?: SupportPaymentWaiver;
  /** The household asked for the support waiver (支出型); it applies only once filed (supportPaymentWaiver). */
  readonly supportWaiverRequested?: boolean;
  readonly obligedSupporter?: ObligedSupporter;
  readonly obligedSupporters?: readonly ObligedSupporterRecord[];
  /** County candidates (message ids) an investigator rejected as rigid expenditure. */
  readonly rejectedCandidates?: readonly string[];
  /** Every investigator finding, in order, with who, when, why and the evidence. */
  readonly investigation?: readonly InvestigationRecord[];
}

export interface HouseholdProblem {
  readonly code: VerificationRejectionCode;
  readonly message: string;
  readonly field: string;
}

const isFen = (value: number) => Number.isSafeInteger(value) && value >= 0;

/** The first thing that makes a household snapshot unusable for a check, or undefined. */
export function householdProblem(household: HouseholdSnapshot): HouseholdProblem | undefined {
  const members = household.members;
  if (members.length === 0) return { code: 'HOUSEHOLD_EMPTY', message: 'a household has at least one member', field: 'household.members' };
  const memberIds = new Set(members.map((m) => m.memberId));
  const residentIds = new Set(members.map((m) => m.residentId));
  if (memberIds.size !== members.length || residentIds.size !== members.length) {
    return { code: 'DUPLICATE_MEMBER', message: 'each member and resident ID appears once', field: 'household.members' };
  }
  const amounts = [
    ...members.flatMap((m) => m.declaredMonthlyIncomes.map((i) => i.monthlyFen)),
    ...household.rigidExpenditures.map((e) => e.amountFen),
    ...(household.obligedSupporters ?? []).map((s) => s.monthlySupportFen),
    household.declaredAssets.financialAssetsFen,
  ];
  if (!amounts.every(isFen)) return { code: 'AMOUNT_INVALID', message: 'amounts are non-negative whole fen', field: 'household' };
  const counts = [household.declaredAssets.vehicles, household.declaredAssets.dwellings, household.declaredAssets.businessRegistrations];
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    return { code: 'COUNT_INVALID', message: 'asset counts are non-negative whole numbers', field: 'household.declaredAssets' };
  }
  for (const spending of household.rigidExpenditures) {
    if (!memberIds.has(spending.memberId)) {
      return {
        code: 'UNKNOWN_MEMBER',
        message: `rigid expenditure for member ${spending.memberId}, who is not in the household`,
        field: 'household.rigidExpenditures',
      };
    }
    if (!Number.isSafeInteger(spending.periodMonths) || spending.periodMonths < 1) {
      return { code: 'PERIOD_INVALID', message: 'a rigid expenditure covers at least one whole month', field: 'household.rigidExpenditures' };
    }
  }
  for (const supporter of household.obligedSupporters ?? []) {
    if (!memberIds.has(supporter.supportsMemberId)) {
      return {
        code: 'UNKNOWN_MEMBER',
        message: `supporter ${supporter.supporterId} supports ${supporter.supportsMemberId}, who is not in the household`,
        field: 'household.obligedSupporters',
      };
    }
  }
  return undefined;
}
