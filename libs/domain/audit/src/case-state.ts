/**
 * The state of a case at any moment, rebuilt by folding its events recorded up to that moment —
 * never from a read model — so an auditor sees what the platform knew then: where the case stood,
 * the household size and counted income the decision rested on, the entitlement, and every payment
 * issued until then with what the bank said about it.
 */
import { leadIdsOf } from './case-facts';
import { actorIn, field, integer, list, record, text, type Json } from './read';
import { recordedBy, type SourcedEvent } from './sourced-event';
import type { CaseHistory } from './case-history';
import type { CaseStatus, EconomicCheckState, DecisionState, EntitlementState, PaymentState, CaseStateAt } from './case-state-model';

export type * from './case-state-model';

interface Draft {
  status: CaseStatus;
  caseOpened?: boolean;
  programme?: string;
  region?: string;
  declaredHouseholdSize?: number;
  check?: EconomicCheckState;
  nearRelative: boolean;
  decision?: DecisionState;
  entitlement?: EntitlementState;
  payments: Map<string, PaymentState>;
  referral?: { referralId?: string; status: string };
}

/** How far along a case is; events that would move it back (a late message) do not. */
const rank: Readonly<Record<CaseStatus, number>> = {
  unknown: 0,
  lead: 1,
  submitted: 2,
  'economic-check-in-progress': 3,
  'economic-check-completed': 4,
  'awaiting-economic-check': 4,
  'under-review': 5,
  reinvestigation: 5,
  reviewed: 6,
  'in-public-notice': 7,
  approved: 9,
  rejected: 9,
  withdrawn: 9,
  'receiving-benefit': 10,
  'benefit-suspended': 10,
  'benefit-stopped': 10,
};

/** Moves the status forward; the two loops back are a sustained objection and the re-check it needs. */
function advance(draft: Draft, next: CaseStatus): void {
  const current = draft.status;
  const sentBack = next === 'reinvestigation' && rank[current] < rank.approved;
  const recheck = current === 'reinvestigation' && (next === 'economic-check-in-progress' || next === 'economic-check-completed');
  if (sentBack || recheck || rank[next] >= rank[current]) draft.status = next;
}

function checkFrom(d: Json, source: Json): EconomicCheckState {
  const pick = (name: string) => integer(source[name]);
  return {
    ...((text(d.checkId) ?? text(source.checkId)) ? { checkId: text(d.checkId) ?? text(source.checkId) } : {}),
    ...(text(d.outcome) ? { outcome: text(d.outcome) } : typeof source.eligible === 'boolean' ? { outcome: source.eligible ? 'eligible' : 'ineligible' } : {}),
    ...(text(source.policyId) ? { policyId: text(source.policyId) } : {}),
    ...(pick('standardFen') !== undefined ? { standardFen: pick('standardFen') } : {}),
    ...(pick('householdSize') !== undefined ? { householdSize: pick('householdSize') } : {}),
    ...(pick('countedMonthlyIncomeFen') !== undefined ? { countedMonthlyIncomeFen: pick('countedMonthlyIncomeFen') } : {}),
    ...(pick('perCapitaMonthlyIncomeFen') !== undefined ? { perCapitaMonthlyIncomeFen: pick('perCapitaMonthlyIncomeFen') } : {}),
    ...((text(d.assessedAt) ?? text(source.assessedAt)) ? { assessedAt: text(d.assessedAt) ?? text(source.assessedAt) } : {}),
  };
}

function settle(draft: Draft, d: Json, status: 'paid' | 'failed'): void {
  const id = text(d.instructionId);
  const known = id ? draft.payments.get(id) : undefined;
  if (id && known) draft.payments.set(id, { ...known, status, ...(text(d.settledAt) ? { settledAt: text(d.settledAt) } : {}) });
}

type Step = (draft: Draft, d: Json, event: SourcedEvent) => void;

const steps: Readonly<Record<string, Step>> = {
  LeadRaised: (s) => advance(s, s.status === 'unknown' ? 'lead' : s.status),
  ApplicationSubmitted: (s, d) => {
    s.declaredHouseholdSize = list(record(d.household).members).length;
    s.nearRelative ||= record(d.nearRelative).declared === true;
    advance(s, 'submitted');
  },
  NearRelativeCaseFlagged: (s) => {
    s.nearRelative = true;
  },
  ApplicationAmended: (s, d) => {
    const changes = record(d.changes);
    if (list(changes.members).length > 0) s.declaredHouseholdSize = list(changes.members).length;
    if (changes.nearRelative === true || record(changes.nearRelative).declared === true) s.nearRelative = true;
  },
  ApplicationWithdrawn: (s) => advance(s, 'withdrawn'),
  CaseWithdrawn: (s) => advance(s, 'withdrawn'),
  CheckRequested: (s) => advance(s, 'economic-check-in-progress'),
  RecheckRequested: (s) => advance(s, 'economic-check-in-progress'),
  CheckCompleted: (s, d) => {
    s.check = checkFrom(d, record(d.assessment));
    advance(s, 'economic-check-completed');
  },
  ApplicationReceived: (s, d) => {
    s.nearRelative ||= d.nearRelative === true;
    advance(s, 'awaiting-economic-check');
  },
  CaseOpened: (s, d) => {
    s.nearRelative ||= d.nearRelative === true;
    s.check = { ...s.check, ...checkFrom({}, record(d.check)) };
    s.caseOpened = true;
    advance(s, 'under-review');
  },
  EconomicCheckRecorded: (s, d) => {
    s.check = { ...s.check, ...checkFrom({}, record(d.check)) };
    // Before the case opened the check only waits for the application; after, it ends a re-investigation.
    if (s.caseOpened) advance(s, 'under-review');
  },
  TownshipReviewCompleted: (s) => advance(s, 'reviewed'),
  PublicNoticePosted: (s) => advance(s, 'in-public-notice'),
  CaseSentBackForReinvestigation: (s) => advance(s, 'reinvestigation'),
  CaseApproved: (s, d) => {
    s.decision = {
      outcome: 'approved',
      ...(text(d.confirmedAt) ? { at: text(d.confirmedAt) } : {}),
      ...(actorIn(d.confirmedBy) ? { by: actorIn(d.confirmedBy) } : {}),
      ...(text(d.confirmationLevel) ? { level: text(d.confirmationLevel) } : {}),
      ...(text(d.benefitStartMonth) ? { benefitStartMonth: text(d.benefitStartMonth) } : {}),
    };
    s.check = { ...s.check, ...checkFrom({ checkId: d.checkId }, d) };
    advance(s, 'approved');
  },
  CaseRejected: (s, d) => {
    s.decision = {
      outcome: 'rejected',
      ...(text(d.rejectedAt) ? { at: text(d.rejectedAt) } : {}),
      ...(actorIn(d.rejectedBy) ? { by: actorIn(d.rejectedBy) } : {}),
      ...(text(d.rejectionLevel) ? { level: text(d.rejectionLevel) } : {}),
    };
    advance(s, 'rejected');
  },
  EntitlementGranted: (s, d) => {
    s.entitlement = {
      status: 'active',
      ...(text(d.entitlementId) ? { entitlementId: text(d.entitlementId) } : {}),
      ...(integer(d.monthlyAmountFen) !== undefined ? { monthlyAmountFen: integer(d.monthlyAmountFen) } : {}),
      ...(text(d.startMonth) ? { startMonth: text(d.startMonth) } : {}),
      ...(text(d.policyId) ? { policyId: text(d.policyId) } : {}),
      ...(integer(d.standardFen) !== undefined ? { standardFen: integer(d.standardFen) } : {}),
    };
    advance(s, 'receiving-benefit');
  },
  EntitlementSuspended: (s) => {
    if (s.entitlement) s.entitlement = { ...s.entitlement, status: 'suspended' };
    advance(s, 'benefit-suspended');
  },
  EntitlementResumed: (s) => {
    if (s.entitlement) s.entitlement = { ...s.entitlement, status: 'active' };
    advance(s, 'receiving-benefit');
  },
  EntitlementStopped: (s, d) => {
    if (s.entitlement)
      s.entitlement = {
        ...s.entitlement,
        status: 'stopped',
        ...(text(d.effectiveMonth) ? { stopMonth: text(d.effectiveMonth) } : {}),
        ...(text(d.reason) ? { stopReason: text(d.reason) } : {}),
      };
    advance(s, 'benefit-stopped');
  },
  PaymentInstructionIssued: (s, d, e) => {
    const id = text(d.instructionId) ?? e.eventId;
    s.payments.set(id, {
      instructionId: id,
      ...(text(d.month) ? { month: text(d.month) } : {}),
      amountFen: integer(d.amountFen) ?? 0,
      status: 'issued',
      issuedAt: text(d.issuedAt) ?? e.recordedAt,
      flaggedForRecovery: false,
    });
  },
  PaymentSucceeded: (s, d) => settle(s, d, 'paid'),
  PaymentFailed: (s, d) => settle(s, d, 'failed'),
  PaymentFlaggedForRecovery: (s, d) => {
    const id = text(d.instructionId);
    const known = id ? s.payments.get(id) : undefined;
    if (id && known) s.payments.set(id, { ...known, flaggedForRecovery: true });
  },
  ReferralOpened: (s, d) => {
    s.referral = { ...(text(d.referralId) ? { referralId: text(d.referralId) } : {}), status: 'opened' };
  },
  ReferralOffered: (s) => s.referral && (s.referral.status = 'offered'),
  ReferralAccepted: (s) => s.referral && (s.referral.status = 'accepted'),
  ReferralExhausted: (s) => s.referral && (s.referral.status = 'exhausted'),
  ReferralClosed: (s) => s.referral && (s.referral.status = 'closed'),
};

/** Folds the case's events recorded at or before `asOf` (ISO instant). */
export function caseStateAt(history: CaseHistory, asOf: string): CaseStateAt {
  const folded = history.events.filter((e) => recordedBy(e, asOf));
  const draft: Draft = { status: 'unknown', nearRelative: false, payments: new Map() };
  for (const event of folded) {
    const d = record(event.data);
    draft.programme ??= text(d.programme);
    const region = event.type === 'ApplicationAmended' ? text(record(d.changes).region) : text(d.region);
    if (region && /^\d{6,12}$/.test(region)) draft.region = region;
    steps[event.type]?.(draft, d, event);
  }
  const payments = [...draft.payments.values()];
  const last = folded.at(-1);
  const householdSize = draft.check?.householdSize ?? draft.declaredHouseholdSize;
  return {
    applicationId: history.applicationId,
    asOf,
    exists: folded.some((e) => field(e.data, 'applicationId') === history.applicationId) || leadIdsOf(folded).size > 0,
    status: draft.status,
    ...(draft.programme ? { programme: draft.programme } : {}),
    ...(draft.region ? { region: draft.region } : {}),
    ...(householdSize !== undefined ? { householdSize } : {}),
    ...(draft.check?.countedMonthlyIncomeFen !== undefined ? { countedMonthlyIncomeFen: draft.check.countedMonthlyIncomeFen } : {}),
    ...(draft.check?.perCapitaMonthlyIncomeFen !== undefined ? { perCapitaMonthlyIncomeFen: draft.check.perCapitaMonthlyIncomeFen } : {}),
    ...(draft.check ? { economicCheck: draft.check } : {}),
    nearRelative: draft.nearRelative,
    ...(draft.decision ? { decision: draft.decision } : {}),
    ...(draft.entitlement ? { entitlement: draft.entitlement } : {}),
    payments,
    issuedTotalFen: payments.reduce((sum, p) => sum + p.amountFen, 0),
    paidTotalFen: payments.filter((p) => p.status === 'paid').reduce((sum, p) => sum + p.amountFen, 0),
    ...(draft.referral ? { referral: draft.referral } : {}),
    eventsFolded: folded.length,
    ...(last ? { lastEvent: { type: last.type, recordedAt: last.recordedAt, source: last.source } } : {}),
  };
}
