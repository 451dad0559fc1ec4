/**
 * Commands and events of the HouseholdCheck aggregate: one stream per application, one check
 * round per checkId (a re-check after a sustained objection opens a new round with a new id).
 * Time, ids and the policy come in on commands; events are plain JSON `{ type, data }`.
 */
import type { Actor, RegionalPolicy, RegionCode } from '@sa/domain-shared';
import type { HouseholdAssessment, IneligibilityReason } from '../assessment/assess-household';
import type { ComparisonOptions } from '../assessment/discrepancies';
import type { Area, HouseholdSnapshot, Programme } from '../household';
import type { InvestigationRecord } from '../investigation/finding-types';
import type { ResidentRecords } from '../register/resident-records';

// ---- commands -------------------------------------------------------------------------------

export interface RequestCheck {
  readonly type: 'RequestCheck';
  readonly applicationId: string;
  readonly checkId: string;
  readonly programme: Programme;
  readonly region: RegionCode;
  readonly area: Area;
  readonly household: HouseholdSnapshot;
  /** 核对授权: the household authorised the check of its data held by other departments. */
  readonly consentToDataCheck: boolean;
  readonly requestedAt: string;
}

/** The department records of the household's members, as the register held them at `asOf`. */
export interface CollectDepartmentData {
  readonly type: 'CollectDepartmentData';
  readonly checkId: string;
  readonly records: readonly ResidentRecords[];
  readonly asOf: string;
}

export interface AssessHousehold {
  readonly type: 'AssessHousehold';
  readonly checkId: string;
  /** The policy in force for the application's region on the assessment date (policyInForce). */
  readonly policy: RegionalPolicy;
  readonly assessedAt: string;
  readonly options?: ComparisonOptions;
}

export interface CompleteCheck {
  readonly type: 'CompleteCheck';
  readonly checkId: string;
  readonly completedAt: string;
  /** The investigator who signs the check off, when one does. */
  readonly completedBy?: Actor;
}

/**
 * A new round after the last check completed: a sustained objection during public notice sent the
 * case back (公示异议成立), the application was amended, or an investigator asks for it (new
 * department data, a household visit that found something).
 */
export interface RequestRecheck {
  readonly type: 'RequestRecheck';
  readonly checkId: string;
  readonly previousCheckId: string;
  /** The sustained objection, when one caused it. */
  readonly objectionId?: string;
  readonly reason: string;
  readonly requestedAt: string;
  /** Who asked for it, when a person did (the investigator signs the new round off). */
  readonly requestedBy?: Actor;
  /** The household as corrected, when the objection changed it; otherwise the last one is kept. */
  readonly household?: HouseholdSnapshot;
  /** The application's region and area, when an amendment moved it; otherwise the last ones are kept. */
  readonly region?: RegionCode;
  readonly area?: Area;
}

/** The application was withdrawn: an open check stops, and a completed one is closed to re-checks. */
export interface CancelCheck {
  readonly type: 'CancelCheck';
  readonly checkId: string;
  readonly reason: string;
  readonly cancelledAt: string;
}

/**
 * The open round cannot complete on its facts and is closed with the reason (核对无法完成): its
 * result would break the outbound contract, so the relay could never publish it. Retrying gives
 * the same answer; a re-check on corrected facts opens a new round.
 */
export interface AbandonCheck {
  readonly type: 'AbandonCheck';
  readonly checkId: string;
  readonly reason: AbandonmentReason;
  readonly abandonedAt: string;
}

/**
 * An investigator records, corrects or rejects an input of the check, or a visit fact, with its
 * evidence (入户调查). It re-runs the check: a new round on the corrected household.
 */
export interface RecordFinding {
  readonly type: 'RecordFinding';
  /** The new round's id. */
  readonly checkId: string;
  readonly previousCheckId: string;
  readonly record: InvestigationRecord;
}

export type HouseholdCheckCommand =
  RequestCheck | CollectDepartmentData | AssessHousehold | CompleteCheck | RequestRecheck | CancelCheck | AbandonCheck | RecordFinding;

// ---- events ---------------------------------------------------------------------------------

export interface CheckRequested {
  readonly type: 'CheckRequested';
  readonly data: {
    readonly applicationId: string;
    readonly checkId: string;
    readonly programme: Programme;
    readonly region: RegionCode;
    readonly area: Area;
    readonly household: HouseholdSnapshot;
    readonly consentToDataCheck: true;
    readonly requestedAt: string;
  };
}

export interface RecheckRequested {
  readonly type: 'RecheckRequested';
  readonly data: {
    readonly applicationId: string;
    readonly checkId: string;
    readonly previousCheckId: string;
    readonly objectionId?: string;
    readonly reason: string;
    readonly household: HouseholdSnapshot;
    readonly requestedAt: string;
    readonly requestedBy?: Actor;
    readonly region?: RegionCode;
    readonly area?: Area;
  };
}

export interface DepartmentDataCollected {
  readonly type: 'DepartmentDataCollected';
  readonly data: {
    readonly applicationId: string;
    readonly checkId: string;
    readonly records: readonly ResidentRecords[];
    readonly asOf: string;
  };
}

export interface HouseholdEconomicStatusAssessed {
  readonly type: 'HouseholdEconomicStatusAssessed';
  readonly data: {
    readonly applicationId: string;
    readonly checkId: string;
    readonly region: RegionCode;
    readonly assessedAt: string;
    readonly policyId: string;
    readonly assessment: HouseholdAssessment;
  };
}

export type CheckOutcome = 'eligible' | 'ineligible';

/** Carries the assessment it completes, so the outbound message needs no other event. */
export interface CheckCompleted {
  readonly type: 'CheckCompleted';
  readonly data: {
    readonly applicationId: string;
    readonly checkId: string;
    readonly programme: Programme;
    readonly region: RegionCode;
    readonly outcome: CheckOutcome;
    readonly reasons: readonly IneligibilityReason[];
    readonly assessedAt: string;
    readonly completedAt: string;
    readonly completedBy?: Actor;
    readonly assessment: HouseholdAssessment;
  };
}

export interface CheckCancelled {
  readonly type: 'CheckCancelled';
  readonly data: { readonly applicationId: string; readonly checkId: string; readonly reason: string; readonly cancelledAt: string };
}

/** Why a check cannot complete on its facts: retrying gives the same answer, so the round is closed. */
export interface AbandonmentReason {
  /**
   * amount-out-of-range: a sum of the household's amounts is not a safe integer of fen;
   * result-not-publishable: the completed check would break economicCheckCompletedV1.
   */
  readonly code: 'amount-out-of-range' | 'result-not-publishable';
  readonly message: string;
}

/**
 * The round cannot complete (核对无法完成): its facts make the calculation impossible, e.g. amounts
 * accepted before the contracts bounded them whose sum leaves the safe-integer range. Closed with
 * the reason instead of being retried forever; a re-check (an amendment correcting the household,
 * an investigator) opens a new round.
 */
export interface CheckAbandoned {
  readonly type: 'CheckAbandoned';
  readonly data: { readonly applicationId: string; readonly checkId: string; readonly reason: AbandonmentReason; readonly abandonedAt: string };
}

export type HouseholdCheckEvent =
  CheckRequested | RecheckRequested | DepartmentDataCollected | HouseholdEconomicStatusAssessed | CheckCompleted | CheckCancelled | CheckAbandoned;
