import type { Actor } from '@sa/domain-shared';
import type {
  ApplicationLocation,
  BankAccount,
  Channel,
  Consents,
  DeclaredAssets,
  Household,
  HouseholdMember,
  NearRelativeDeclaration,
  Programme,
} from './household';

/** 申请: a household applies; ids and time come from the caller. */
export interface SubmitApplication {
  readonly type: 'SubmitApplication';
  readonly applicationId: string;
  readonly programme: Programme;
  /** Village or community (村/社区) the application belongs to. */
  readonly region: string;
  readonly applicationLocation: ApplicationLocation;
  readonly channel: Channel;
  readonly household: Household;
  readonly consents: Consents;
  readonly nearRelative: NearRelativeDeclaration;
  /** The active-discovery lead (主动发现) this application came from, if any. */
  readonly leadId?: string;
  /** Residents in other active applications, looked up by the caller (see activeApplicationConflict). */
  readonly residentsInActiveApplications?: readonly string[];
  readonly submittedBy: Actor;
  readonly submittedAt: string;
}

/** The parts of an application that may be corrected; each given part replaces the old one in full. */
export interface ApplicationChanges {
  readonly region?: string;
  readonly applicationLocation?: ApplicationLocation;
  readonly members?: readonly HouseholdMember[];
  readonly declaredAssets?: DeclaredAssets;
  readonly bankAccount?: BankAccount;
  readonly consents?: Consents;
  readonly nearRelative?: NearRelativeDeclaration;
}

/** Correct declared facts before a decision. Programme and channel are not amendable: a different programme is a new application. */
export interface AmendApplication {
  readonly type: 'AmendApplication';
  readonly applicationId: string;
  readonly changes: ApplicationChanges;
  readonly reason: string;
  /** Residents in other active applications; only members this amendment adds are checked against them. */
  readonly residentsInActiveApplications?: readonly string[];
  readonly amendedBy: Actor;
  readonly amendedAt: string;
}

export interface WithdrawApplication {
  readonly type: 'WithdrawApplication';
  readonly applicationId: string;
  readonly reason: string;
  readonly withdrawnBy: Actor;
  readonly withdrawnAt: string;
}

export const applicationOutcomes = ['approved', 'rejected'] as const;
export type ApplicationOutcome = (typeof applicationOutcomes)[number];

/** Approval decided the case (确认/不予批准); intake closes its application. */
export interface RecordApplicationOutcome {
  readonly type: 'RecordApplicationOutcome';
  readonly applicationId: string;
  readonly outcome: ApplicationOutcome;
  readonly decidedAt: string;
  readonly recordedBy: Actor;
  readonly recordedAt: string;
}

export type ApplicationCommand = SubmitApplication | AmendApplication | WithdrawApplication | RecordApplicationOutcome;
