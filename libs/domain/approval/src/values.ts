/** Value types the Case aggregate's commands and events share. */
import type { Actor, Fen } from '@sa/domain-shared';

/** 最低生活保障 (dibao) or 特困人员救助供养 (extreme-poverty support). */
export type Programme = 'dibao' | 'extreme-poverty';

export const programmes: readonly Programme[] = ['dibao', 'extreme-poverty'];

/** A stated ground (理由): a stable lower-case code machines branch on, and a sentence people read. */
export interface Reason {
  readonly code: string;
  readonly message: string;
}

/** A member covered by the case (保障对象). Personal data. */
export interface CaseMember {
  readonly memberId: string;
  readonly residentId: string;
  readonly name: string;
}

/** The account benefits are paid into (社会救助资金发放账户). Personal data. */
export interface BankAccount {
  readonly bankName: string;
  readonly accountHolder: string;
  readonly accountNumber: string;
}

export interface Consents {
  /** Authorised the household economic-status check (核对授权). */
  readonly economicCheck: boolean;
  /** Agreed to be referred to charity organisations (慈善转介) if rejected or still in hardship. */
  readonly charityReferral: boolean;
}

/**
 * The outcome of a household economic-status check (家庭经济状况核对). No case is confirmed without
 * one ("逢进必核"), and a sustained objection needs a new one.
 */
export interface CheckOutcome {
  readonly checkId: string;
  readonly eligible: boolean;
  readonly ineligibilityReasons: readonly Reason[];
  /** Regional policy version the standard came from, so an auditor can recompute. */
  readonly policyId: string;
  /** Standard per person per month in force for the region on the assessment date. */
  readonly standardFen: Fen;
  readonly householdSize: number;
  readonly countedMonthlyIncomeFen: Fen;
  readonly perCapitaMonthlyIncomeFen: Fen;
  /** Who visited the household and investigated (调查核实); may not confirm the case. */
  readonly investigatedBy: Actor;
  readonly assessedAt: string;
  /** 单人保: members of a marginal household the check found coverable alone (absent before checks named them). */
  readonly singlePersonCoverage?: readonly SinglePersonCoverage[];
}

export type SinglePersonGround = 'severe-disability' | 'serious-illness';

/** One member the household check found coverable as a single-person household, with their own figures. */
export interface SinglePersonCoverage {
  readonly memberId: string;
  readonly ground: SinglePersonGround;
  readonly memberCountedIncomeFen: Fen;
  /** Standard − the member's counted income: the gap of a household of one, in integer fen. */
  readonly monthlyGapFen: Fen;
}

/**
 * A case that covers one member of a household alone (单人保, "参照单人户纳入低保", seed 002; "对低收入家庭中的
 * 一、二级重度残疾人，三级智力、精神残疾人，重病患者纳入单独申请低保范围", seed 001): which household case and
 * member it is; its own check carries the member's coverage line (figures and gap) from the household check.
 */
export interface SinglePersonOf {
  readonly householdApplicationId: string;
  readonly memberId: string;
  readonly ground: SinglePersonGround;
}

export type Recommendation = 'approve' | 'reject';
export type ObjectionOutcome = 'sustained' | 'dismissed';
export type ConfirmationLevel = 'county' | 'township';
export type RejectionStage = 'review' | 'confirmation';
