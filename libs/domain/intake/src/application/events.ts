/**
 * Application events: plain JSON, `{ type, data }` as the platform's event store appends them.
 * Each carries what the matching integration event needs, so the service maps without a lookup.
 */
import type { Actor } from '@sa/domain-shared';
import type { ApplicationChanges, ApplicationOutcome } from './commands';
import type { ApplicationLocation, Channel, Consents, Household, NearRelativeDeclaration, Programme } from './household';

export interface ApplicationSubmitted {
  readonly type: 'ApplicationSubmitted';
  readonly data: {
    readonly applicationId: string;
    readonly programme: Programme;
    /** Normalised region code. */
    readonly region: string;
    readonly applicationLocation: ApplicationLocation;
    readonly channel: Channel;
    /** Resident IDs upper-case. */
    readonly household: Household;
    readonly consents: Consents;
    readonly nearRelative: NearRelativeDeclaration;
    readonly leadId?: string;
    readonly submittedBy: Actor;
    readonly submittedAt: string;
  };
}

/** 近亲属备案: the case is flagged for closer scrutiny; raised once, when the relation is first declared. */
export interface NearRelativeCaseFlagged {
  readonly type: 'NearRelativeCaseFlagged';
  readonly data: {
    readonly applicationId: string;
    readonly relationToStaff: string;
    readonly staffPost: string;
    readonly flaggedBy: Actor;
    readonly flaggedAt: string;
  };
}

/** Only the parts that really changed, each in full (members replaces the whole list). */
export interface ApplicationAmended {
  readonly type: 'ApplicationAmended';
  readonly data: {
    readonly applicationId: string;
    readonly changes: ApplicationChanges;
    readonly reason: string;
    readonly amendedBy: Actor;
    readonly amendedAt: string;
  };
}

export interface ApplicationWithdrawn {
  readonly type: 'ApplicationWithdrawn';
  readonly data: {
    readonly applicationId: string;
    readonly reason: string;
    readonly withdrawnBy: Actor;
    readonly withdrawnAt: string;
  };
}

export interface ApplicationClosed {
  readonly type: 'ApplicationClosed';
  readonly data: {
    readonly applicationId: string;
    readonly outcome: ApplicationOutcome;
    readonly decidedAt: string;
    readonly closedBy: Actor;
    readonly closedAt: string;
  };
}

export type ApplicationEvent = ApplicationSubmitted | NearRelativeCaseFlagged | ApplicationAmended | ApplicationWithdrawn | ApplicationClosed;
