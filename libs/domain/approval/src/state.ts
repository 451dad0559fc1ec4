/** The Case aggregate's state, folded from its events. Only what decisions need. */
import type { Actor, Fen, RegionCode } from '@sa/domain-shared';
import type { ApplicationAmended, CaseEvent, CaseOpened } from './events';
import type { CheckOutcome, ObjectionOutcome, Reason, Recommendation } from './values';

/**
 * Where the case stands. The order 审核 → 公示 → 确认 is the phase order; a sustained objection
 * sends the case to 'reinvestigation', from which only a new economic check leads on.
 */
export type CasePhase = 'not-opened' | 'awaiting-review' | 'reviewed' | 'on-notice' | 'reinvestigation' | 'approved' | 'rejected' | 'withdrawn';

export type CaseFacts = Omit<CaseOpened['data'], 'check' | 'openedAt'>;

export interface ReviewRecord {
  readonly recommendation: Recommendation;
  readonly reasons: readonly Reason[];
  readonly reviewedBy: Actor;
}

export interface NoticeRecord {
  readonly startsOn: string;
  readonly endsOn: string;
  readonly published: boolean;
}

export interface ObjectionRecord {
  readonly status: 'open' | ObjectionOutcome;
}

export interface GreenChannelRecord {
  readonly amountFen: Fen;
  readonly grantedAt: string;
  readonly region: RegionCode;
}

export interface UnopenedCase {
  readonly phase: 'not-opened';
  /** 先行救助 may come before the case is opened. */
  readonly greenChannel?: GreenChannelRecord;
  /** The application, when it arrived before its economic check. */
  readonly application?: CaseFacts;
  /** The economic check, when it arrived before the application. */
  readonly pendingCheck?: CheckOutcome;
  /** Withdrawn before the case opened: it never will. */
  readonly withdrawn?: boolean;
}

export interface OpenedCase {
  readonly phase: Exclude<CasePhase, 'not-opened'>;
  readonly facts: CaseFacts;
  /** The latest economic check; the one a review relies on. */
  readonly check: CheckOutcome;
  readonly checkIds: readonly string[];
  /** 单人保: every member a check of this household case has found coverable alone (kept when a later check no longer does). */
  readonly singlePersonMemberIds: readonly string[];
  /** Everyone who investigated or reviewed it, for segregation of duties at confirmation. */
  readonly investigatorIds: readonly string[];
  readonly reviewerIds: readonly string[];
  readonly review?: ReviewRecord;
  readonly notice?: NoticeRecord;
  readonly objections: Readonly<Record<string, ObjectionRecord>>;
  readonly countyHomeVisitOn?: string;
  readonly greenChannel?: GreenChannelRecord;
}

export type CaseState = UnopenedCase | OpenedCase;

export const initialCaseState: CaseState = { phase: 'not-opened' };

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') return opened(state, event);
  if (event.type === 'GreenChannelReliefGranted') {
    return { ...state, greenChannel: { amountFen: event.data.amountFen, grantedAt: event.data.grantedAt, region: event.data.region } };
  }
  if (state.phase === 'not-opened') return evolveUnopened(state, event);
  return evolveOpened(state, event);
}

function opened(state: CaseState, event: CaseOpened): OpenedCase {
  const { check, openedAt: _openedAt, ...facts } = event.data;
  return {
    phase: 'awaiting-review',
    facts,
    check,
    checkIds: [check.checkId],
    singlePersonMemberIds: coveredMemberIds([], check),
    investigatorIds: [check.investigatedBy.userId],
    reviewerIds: [],
    objections: {},
    ...(state.greenChannel ? { greenChannel: state.greenChannel } : {}),
  };
}

/** The application and the check arrive on different topics, in either order: the first one waits. */
function evolveUnopened(state: UnopenedCase, event: Exclude<CaseEvent, CaseOpened>): UnopenedCase {
  if (event.type === 'ApplicationReceived') {
    const { receivedAt: _receivedAt, ...application } = event.data;
    return { ...state, application };
  }
  if (event.type === 'EconomicCheckRecorded') return { ...state, pendingCheck: event.data.check };
  if (event.type === 'ApplicationAmended' && state.application) return { ...state, application: amendedFacts(state.application, event) };
  if (event.type === 'CaseWithdrawn') return { ...state, withdrawn: true };
  return state;
}

function evolveOpened(state: OpenedCase, event: Exclude<CaseEvent, CaseOpened>): OpenedCase {
  switch (event.type) {
    case 'EconomicCheckRecorded': {
      const { check } = event.data;
      // A new check makes any earlier review and notice stale: they were about other findings.
      return {
        ...state,
        phase: 'awaiting-review',
        check,
        checkIds: [...state.checkIds, check.checkId],
        singlePersonMemberIds: coveredMemberIds(state.singlePersonMemberIds, check),
        investigatorIds: addOnce(state.investigatorIds, check.investigatedBy.userId),
        review: undefined,
        notice: undefined,
      };
    }
    case 'TownshipReviewCompleted': {
      const { recommendation, reasons, reviewedBy } = event.data;
      return { ...state, phase: 'reviewed', review: { recommendation, reasons, reviewedBy }, reviewerIds: addOnce(state.reviewerIds, reviewedBy.userId) };
    }
    case 'CountyHomeVisitRecorded':
      return { ...state, countyHomeVisitOn: event.data.visitedOn };
    case 'PublicNoticePosted': {
      const { startsOn, endsOn, published } = event.data;
      return { ...state, phase: 'on-notice', notice: { startsOn, endsOn, published } };
    }
    case 'ObjectionLodged':
      return { ...state, objections: { ...state.objections, [event.data.objectionId]: { status: 'open' } } };
    case 'ObjectionResolved':
      return { ...state, objections: { ...state.objections, [event.data.objectionId]: { status: event.data.outcome } } };
    case 'CaseSentBackForReinvestigation':
      return { ...state, phase: 'reinvestigation', review: undefined, notice: undefined };
    case 'CaseApproved':
      return { ...state, phase: 'approved' };
    case 'CaseRejected':
      return { ...state, phase: 'rejected' };
    case 'ApplicationAmended':
      return { ...state, facts: amendedFacts(state.facts, event) };
    case 'CaseWithdrawn':
      return { ...state, phase: 'withdrawn' };
    default:
      return state;
  }
}

function amendedFacts(facts: CaseFacts, event: ApplicationAmended): CaseFacts {
  const c = event.data.changes;
  return {
    ...facts,
    ...(c.region === undefined ? {} : { region: c.region }),
    ...(c.members === undefined ? {} : { members: c.members }),
    ...(c.applicantMemberId === undefined ? {} : { applicantMemberId: c.applicantMemberId }),
    ...(c.involvesMinor === undefined ? {} : { involvesMinor: c.involvesMinor }),
    ...(c.bankAccount === undefined ? {} : { bankAccount: c.bankAccount }),
    ...(c.consents === undefined ? {} : { consents: c.consents }),
    ...(c.nearRelative === undefined ? {} : { nearRelative: c.nearRelative }),
  };
}

function coveredMemberIds(known: readonly string[], check: CheckOutcome): readonly string[] {
  return (check.singlePersonCoverage ?? []).reduce((ids, c) => addOnce(ids, c.memberId), known);
}

function addOnce(list: readonly string[], item: string): readonly string[] {
  return list.includes(item) ? list : [...list, item];
}

export function isDecided(state: OpenedCase): boolean {
  return state.phase === 'approved' || state.phase === 'rejected' || state.phase === 'withdrawn';
}

export function openObjectionIds(state: OpenedCase): string[] {
  return Object.entries(state.objections)
    .filter(([, objection]) => objection.status === 'open')
    .map(([id]) => id);
}
