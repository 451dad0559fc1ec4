/**
 * What each event means to an auditor, in one line, with the reason or note the command carried
 * and — for the economic check (家庭经济状况核对) — the standard and the rule trace it used, so the
 * counted income can be recomputed from the timeline alone. Unknown event types still show, with
 * whatever reason-like fields they carry: the audit never hides an event it does not understand.
 */
import { formatYuan, fen } from '@sa/domain-shared';
import { actorIn, field, integer, list, record, text, type Json } from './read';
import type { EnvelopeActor, SourcedEvent } from './sourced-event';

/** The regulation and figures an economic decision was taken under. */
export interface RuleBasis {
  readonly checkId?: string;
  readonly policyId?: string;
  readonly standardFen?: number;
  readonly assessedOn?: string;
  readonly householdSize?: number;
  readonly countedMonthlyIncomeFen?: number;
  readonly perCapitaMonthlyIncomeFen?: number;
  readonly eligible?: boolean;
  /** Every income item and deduction with its rule and regulation (verification's rule trace). */
  readonly ruleTrace?: readonly unknown[];
  readonly departmentFactsSeen?: number;
}

export interface Narrative {
  readonly summary: string;
  /** Why: the command's reason, the decision's reasons, an objection's explanation. */
  readonly reason?: string;
  /** What was noted: an objection's summary, a home visit's findings, a lead's concern. */
  readonly note?: string;
  readonly ruleBasis?: RuleBasis;
  /** The person the data names as acting, when it differs from the envelope's actor (a system recording a person's act). */
  readonly actedBy?: EnvelopeActor;
}

const yuan = (value: unknown) => {
  const amount = integer(value);
  return amount === undefined ? '?' : `${formatYuan(fen(amount))} yuan`;
};

type Describer = (d: Json) => string;

const describers: Readonly<Record<string, Describer>> = {
  ApplicationSubmitted: (d) =>
    `application for ${text(d.programme) ?? '?'} taken (${text(d.channel) ?? '?'}) in region ${text(d.region) ?? '?'}, household of ${list(record(d.household).members).length}`,
  NearRelativeCaseFlagged: (d) => `near-relative filing (近亲属备案): ${text(d.relationToStaff) ?? '?'} of ${text(d.staffPost) ?? 'staff'}`,
  ApplicationAmended: (d) => `application amended: ${Object.keys(record(d.changes)).join(', ') || 'no parts named'}`,
  ApplicationWithdrawn: () => 'application withdrawn',
  ApplicationClosed: (d) => `application closed as ${text(d.outcome) ?? '?'}`,
  LeadRaised: (d) => `lead raised from ${text(d.source) ?? '?'} in region ${text(d.region) ?? '?'}`,
  LeadConvertedToApplication: () => 'lead converted to this application',
  LeadDismissed: () => 'lead dismissed',
  CheckRequested: (d) => `economic check ${text(d.checkId) ?? ''} requested (${text(d.area) ?? '?'} ${text(d.programme) ?? ''})`.trim(),
  RecheckRequested: (d) => `economic re-check ${text(d.checkId) ?? ''} requested`,
  DepartmentDataCollected: (d) => `department data collected for ${list(d.records).length} member(s) as of ${text(d.asOf) ?? '?'}`,
  HouseholdEconomicStatusAssessed: (d) => assessmentLine('household assessed', record(d.assessment)),
  CheckCompleted: (d) => `${assessmentLine(`economic check completed: ${text(d.outcome) ?? '?'}`, record(d.assessment))}`,
  CheckCancelled: () => 'economic check cancelled',
  CheckAbandoned: (d) => `economic check closed, it cannot complete: ${text(record(d.reason).code) ?? '?'}`,
  ApplicationReceived: () => 'application received by approval (waiting for the economic check)',
  CaseOpened: (d) =>
    `case opened on check ${text(record(d.check).checkId) ?? '?'} (${record(d.check).eligible === true ? 'eligible' : 'not eligible'})${d.nearRelative === true ? ', near-relative case' : ''}`,
  EconomicCheckRecorded: (d) => `economic check ${text(record(d.check).checkId) ?? '?'} recorded on the case`,
  TownshipReviewCompleted: (d) => `township review (审核): recommends ${text(d.recommendation) ?? '?'}`,
  CountyHomeVisitRecorded: (d) => `county home visit on ${text(d.visitedOn) ?? '?'}`,
  PublicNoticePosted: (d) => `public notice (公示) ${text(d.startsOn) ?? '?'} … ${text(d.endsOn) ?? '?'} (${integer(d.noticeDays) ?? '?'} days)`,
  ObjectionLodged: (d) => `objection ${text(d.objectionId) ?? ''} lodged`,
  ObjectionResolved: (d) => `objection ${text(d.objectionId) ?? ''} ${text(d.outcome) ?? 'resolved'}`,
  CaseSentBackForReinvestigation: () => 'case sent back for re-investigation (objection sustained)',
  CaseApproved: (d) => `case approved (确认) at ${text(d.confirmationLevel) ?? '?'} level; benefit from ${text(d.benefitStartMonth) ?? '?'}`,
  CaseRejected: (d) => `case rejected at ${text(d.stage) ?? '?'} stage`,
  CaseWithdrawn: () => 'case withdrawn',
  GreenChannelReliefGranted: (d) => `green-channel relief (先行救助) of ${yuan(d.amountFen)}`,
  EntitlementGranted: (d) => `entitlement granted: ${yuan(d.monthlyAmountFen)}/month from ${text(d.startMonth) ?? '?'}`,
  DeathReported: (d) => `death on ${text(d.dateOfDeath) ?? '?'} reported to payments`,
  EntitlementStopped: (d) => `entitlement stopped from ${text(d.effectiveMonth) ?? '?'}`,
  EntitlementSuspended: (d) => `entitlement suspended from ${text(d.fromMonth) ?? '?'}`,
  EntitlementResumed: (d) => `entitlement resumed from ${text(d.fromMonth) ?? '?'}`,
  GradualExitStarted: (d) => `gradual exit (渐退) from ${text(d.fromMonth) ?? '?'} for ${integer(d.months) ?? '?'} months`,
  EntitlementPaymentRecorded: (d) => `payment for ${text(d.month) ?? '?'} recorded on the entitlement: ${yuan(d.amountFen)}`,
  PaymentFlaggedForRecovery: (d) => `payment for ${text(d.month) ?? '?'} flagged for recovery (${text(d.reason) ?? '?'}): ${yuan(d.amountFen)}`,
  PaymentInstructionIssued: (d) =>
    `payment instruction for ${text(d.month) ?? '?'} issued: ${yuan(d.amountFen)} to account of ${text(record(d.payee).accountHolder) ?? '?'}`,
  PaymentSucceeded: (d) => `payment paid by the bank: ${yuan(d.amountFen)}`,
  PaymentFailed: (d) => `payment failed at the bank (${text(d.failureCode) ?? '?'}): ${yuan(d.amountFen)}`,
  // County facts in verification's resident register (部门数据).
  ResidentDeathReported: (d) => `death on ${text(d.dateOfDeath) ?? '?'} reported by public security`,
  VehicleRegistrationReported: (d) =>
    `vehicle ${text(d.plateNumber) ?? '?'} registered ${text(d.registeredOn) ?? '?'}${text(d.deregisteredOn) ? `, deregistered ${text(d.deregisteredOn)}` : ''}`,
  PropertyRegistrationReported: (d) =>
    `property ${text(d.propertyId) ?? '?'} acquired ${text(d.acquiredOn) ?? '?'}${text(d.disposedOn) ? `, disposed of ${text(d.disposedOn)}` : ''}`,
  WageRecordReported: (d) => `wage for ${text(d.month) ?? '?'} from ${text(d.employer) ?? '?'}: ${yuan(d.monthlyWageFen)}`,
  PensionBenefitReported: (d) => `${text(d.scheme) ?? ''} pension ${yuan(d.monthlyAmountFen)}/month from ${text(d.fromMonth) ?? '?'}`,
  UnemploymentBenefitReported: (d) => `unemployment benefit ${yuan(d.monthlyAmountFen)}/month from ${text(d.fromMonth) ?? '?'}`,
  BusinessRegistrationReported: (d) =>
    `business ${text(d.businessName) ?? '?'} registered ${text(d.registeredOn) ?? '?'}${text(d.deregisteredOn) ? `, deregistered ${text(d.deregisteredOn)}` : ''}`,
  ReferralOpened: (d) => `charity referral opened (${text(d.basis) ?? '?'})`,
  ReferralOffered: (d) => `referral offered to organisation ${text(d.organisationId) ?? '?'} (attempt ${integer(d.attempt) ?? '?'})`,
  ReferralAccepted: (d) => `referral accepted by ${text(d.organisationId) ?? '?'}`,
  ReferralDeclined: (d) => `referral declined by ${text(d.organisationId) ?? '?'}`,
  ReferralOfferTimedOut: (d) => `referral offer to ${text(d.organisationId) ?? '?'} lapsed`,
  ReferralExhausted: () => 'no charity organisation left to ask',
  AssistanceRecorded: (d) => `assistance recorded by ${text(d.organisationId) ?? '?'} (${text(record(d.assistance).kind) ?? '?'})`,
  ReferralClosed: (d) => `referral closed: ${text(d.outcome) ?? '?'}`,
};

function assessmentLine(prefix: string, a: Json): string {
  if (Object.keys(a).length === 0) return prefix;
  return `${prefix}; counted income ${yuan(a.countedMonthlyIncomeFen)}, per capita ${yuan(a.perCapitaMonthlyIncomeFen)}, standard ${yuan(a.standardFen)} (policy ${text(a.policyId) ?? '?'})`;
}

/** "reason" fields in the order they say most. */
function reasonOf(d: Json): string | undefined {
  const reasons = list(d.reasons)
    .map((r) => (typeof r === 'string' ? r : (text(record(r).message) ?? text(record(r).code))))
    .filter((r): r is string => r !== undefined);
  const parts = [text(d.reason), ...reasons, text(d.explanation), text(d.detail), text(d.failureReason)].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function noteOf(d: Json): string | undefined {
  return text(d.summary) ?? text(d.findings) ?? text(d.concern) ?? text(d.note) ?? text(record(d.assistance).description);
}

/** The standard and trace of an assessment, a check outcome carried by approval, or a grant. */
export function ruleBasisOf(event: SourcedEvent): RuleBasis | undefined {
  const d = record(event.data);
  const assessment = record(d.assessment);
  if (Object.keys(assessment).length > 0) {
    return {
      ...(text(d.checkId) ? { checkId: text(d.checkId) } : {}),
      ...figures(assessment),
      ...(text(assessment.assessedOn) ? { assessedOn: text(assessment.assessedOn) } : {}),
      ruleTrace: list(assessment.ruleTrace),
      departmentFactsSeen: list(assessment.departmentFactsSeen).length,
    };
  }
  const check = record(d.check);
  if (Object.keys(check).length > 0) return { ...(text(check.checkId) ? { checkId: text(check.checkId) } : {}), ...figures(check) };
  if (text(d.policyId) && integer(d.standardFen) !== undefined) return { ...(text(d.checkId) ? { checkId: text(d.checkId) } : {}), ...figures(d) };
  return undefined;
}

function figures(s: Json): RuleBasis {
  const out: Record<string, unknown> = {};
  for (const key of ['policyId'] as const) if (text(s[key])) out[key] = text(s[key]);
  for (const key of ['standardFen', 'householdSize', 'countedMonthlyIncomeFen', 'perCapitaMonthlyIncomeFen'] as const) {
    const value = integer(s[key]);
    if (value !== undefined) out[key] = value;
  }
  if (typeof s.eligible === 'boolean') out.eligible = s.eligible;
  return out as RuleBasis;
}

/** Data fields that name the person acting, in the order services use them. */
const actingFields = [
  'submittedBy',
  'amendedBy',
  'withdrawnBy',
  'closedBy',
  'raisedBy',
  'convertedBy',
  'dismissedBy',
  'completedBy',
  'requestedBy',
  'reviewedBy',
  'visitedBy',
  'postedBy',
  'recordedBy',
  'resolvedBy',
  'confirmedBy',
  'rejectedBy',
  'grantedBy',
  'reportedBy',
  'stoppedBy',
  'suspendedBy',
  'resumedBy',
  'decidedBy',
  'startedBy',
  'openedBy',
  'offeredBy',
  'acceptedBy',
  'declinedBy',
  'timedOutBy',
];

function actedByOf(event: SourcedEvent): EnvelopeActor | undefined {
  for (const name of actingFields) {
    const actor = actorIn(field(event.data, name));
    if (actor) return actor.userId === event.actor.userId ? undefined : actor;
  }
  return undefined;
}

export function describeEvent(event: SourcedEvent): Narrative {
  const d = record(event.data);
  const describe = describers[event.type];
  const summary = describe ? describe(d) : `${event.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
  const reason = reasonOf(d);
  const note = noteOf(d);
  const ruleBasis = ruleBasisOf(event);
  const actedBy = actedByOf(event);
  return { summary, ...(reason ? { reason } : {}), ...(note ? { note } : {}), ...(ruleBasis ? { ruleBasis } : {}), ...(actedBy ? { actedBy } : {}) };
}
