/**
 * 确认: the county (or a delegated township) approves or rejects. Approval needs the whole order
 * 核对 → 审核 → 公示 with the notice period over and every objection resolved; a case the township
 * recommended rejecting can be rejected straight after the review (no notice is posted for it).
 */
import { accept, addMonths, type Actor, type Decision } from '@sa/domain-shared';
import { confirmationAuthority, confirmationSegregationProblem } from './authority';
import type { ApproveCase, RejectCase } from './commands';
import type { CaseEvent } from './events';
import { isRejection, undecidedCase } from './guards';
import { noticeHasEnded } from './notice';
import { rejectionNoticeText } from './rejection-notice';
import { problem, refuse, type ApprovalRejection } from './rejections';
import { openObjectionIds, type CaseState, type OpenedCase } from './state';
import type { ConfirmationLevel, Reason, RejectionStage } from './values';
import { actorProblem, firstOf, flagProblem, idProblem, reasonsProblem, textProblem, todayProblem } from './validation';

type Check = ApprovalRejection | undefined;

/** Benefits are paid from the month after confirmation. */
export function benefitStartMonth(confirmedOn: string): string {
  return addMonths(confirmedOn.slice(0, 7), 1);
}

export function decideApproveCase(command: ApproveCase, state: CaseState): Decision<CaseEvent> {
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () => todayProblem(command.today, command.confirmedAt, 'today', 'confirmedAt'),
    () => actorProblem(command.confirmedBy, 'confirmedBy'),
    () => flagProblem(command.confirmationDelegatedToTownship, 'confirmationDelegatedToTownship'),
    () => flagProblem(command.stillInHardship, 'stillInHardship'),
  );
  if (invalid) return refuse(invalid);
  const current = undecidedCase(state, command.applicationId);
  if (isRejection(current)) return refuse(current);
  const authority = deciderAuthority(current, command.confirmedBy, command.confirmationDelegatedToTownship, 'confirmedBy');
  if ('rejection' in authority) return refuse(authority.rejection);
  const refused = approvalOrderProblem(current, command.today) ?? homeVisitProblem(current);
  if (refused) return refuse(refused);
  const { facts, check } = current;
  return accept({
    type: 'CaseApproved',
    data: {
      applicationId: facts.applicationId,
      programme: facts.programme,
      region: facts.region,
      confirmedBy: command.confirmedBy,
      confirmationLevel: authority.level,
      confirmedAt: command.confirmedAt,
      benefitStartMonth: benefitStartMonth(command.today),
      checkId: check.checkId,
      policyId: check.policyId,
      standardFen: check.standardFen,
      householdSize: check.householdSize,
      perCapitaMonthlyIncomeFen: check.perCapitaMonthlyIncomeFen,
      countedMonthlyIncomeFen: check.countedMonthlyIncomeFen,
      members: facts.members,
      bankAccount: facts.bankAccount,
      stillInHardship: command.stillInHardship,
      consents: facts.consents,
      ...singlePersonApproval(current),
    },
  });
}

/** 单人保: the member's gap as the household check computed it, carried on the member case's own check. */
function singlePersonApproval({ facts, check }: OpenedCase) {
  if (!facts.singlePersonOf) return {};
  const line = check.singlePersonCoverage?.find((c) => c.memberId === facts.singlePersonOf?.memberId);
  return line ? { singlePersonOf: { ...facts.singlePersonOf, monthlyGapFen: line.monthlyGapFen } } : {};
}

export function decideRejectCase(command: RejectCase, state: CaseState): Decision<CaseEvent> {
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () => reasonsProblem(command.reasons, 'reasons', false),
    () => todayProblem(command.today, command.rejectedAt, 'today', 'rejectedAt'),
    () => actorProblem(command.rejectedBy, 'rejectedBy'),
    () => flagProblem(command.confirmationDelegatedToTownship, 'confirmationDelegatedToTownship'),
    () => (command.authorityName === undefined ? undefined : textProblem(command.authorityName, 'authorityName', 100)),
  );
  if (invalid) return refuse(invalid);
  const current = undecidedCase(state, command.applicationId);
  if (isRejection(current)) return refuse(current);
  const authority = deciderAuthority(current, command.rejectedBy, command.confirmationDelegatedToTownship, 'rejectedBy');
  if ('rejection' in authority) return refuse(authority.rejection);
  const stage = rejectionStage(current, command.today);
  if ('code' in stage) return refuse(stage);
  // 不予批准 always states its grounds: given ones, or those already on the case.
  const reasons = command.reasons?.length ? command.reasons : groundsOnTheCase(current);
  const missing = reasonsProblem(reasons, 'reasons', true);
  if (missing) return refuse(missing);
  return accept({ type: 'CaseRejected', data: rejectionData(current, { ...command, reasons }, stage.stage, authority.level) });
}

/** The township's reasons when it recommended rejection, otherwise what the economic check found. */
function groundsOnTheCase(state: OpenedCase): readonly Reason[] {
  return state.review?.recommendation === 'reject' ? state.review.reasons : state.check.ineligibilityReasons;
}

/**
 * Segregation of duties, then confirmation authority: both apply to approving and rejecting. The
 * person comes first: whoever took, investigated or reviewed the case is refused whatever role they hold.
 */
function deciderAuthority(state: OpenedCase, actor: Actor, delegated: boolean, field: string): { level: ConfirmationLevel } | { rejection: ApprovalRejection } {
  const sod = confirmationSegregationProblem(state, actor, field);
  return sod ? { rejection: sod } : confirmationAuthority(state, actor, delegated, field);
}

function approvalOrderProblem(state: OpenedCase, today: string): Check {
  const before = reviewProblem(state);
  if (before) return before;
  if (state.review?.recommendation === 'reject') {
    return problem('REVIEW_RECOMMENDED_REJECTION', 'the township recommended rejection; a new check and review are needed to approve', 'applicationId');
  }
  return noticeProblem(state, today);
}

function reviewProblem(state: OpenedCase): Check {
  if (state.phase === 'reinvestigation')
    return problem('REINVESTIGATION_REQUIRED', 'a sustained objection needs a new check, review and notice', 'applicationId');
  if (state.phase === 'awaiting-review' || !state.review) return problem('REVIEW_REQUIRED', 'the township must review the case first', 'applicationId');
  return undefined;
}

/** The notice must be over (confirming on endsOn is too early) and every objection resolved. */
function noticeProblem(state: OpenedCase, today: string): Check {
  const notice = state.phase === 'on-notice' ? state.notice : undefined;
  if (!notice) return problem('NOTICE_REQUIRED', 'the case must be on public notice (公示) before confirmation', 'applicationId');
  if (!noticeHasEnded(notice, today)) {
    return problem('NOTICE_PERIOD_NOT_ENDED', `the public notice runs until ${notice.endsOn}; confirmation is possible from the day after`, 'today');
  }
  const open = openObjectionIds(state);
  return open.length > 0 ? problem('OBJECTION_UNRESOLVED', `objections not yet resolved: ${open.join(', ')}`, 'applicationId') : undefined;
}

function homeVisitProblem(state: OpenedCase): Check {
  return state.facts.nearRelative && state.countyHomeVisitOn === undefined
    ? problem('COUNTY_HOME_VISIT_REQUIRED', 'a near-relative case (近亲属备案) needs a recorded county home visit (入户核查) before approval', 'applicationId')
    : undefined;
}

function rejectionStage(state: OpenedCase, today: string): { stage: RejectionStage } | ApprovalRejection {
  const before = reviewProblem(state);
  if (before) return before;
  if (state.review?.recommendation === 'reject') return { stage: 'review' };
  return noticeProblem(state, today) ?? { stage: 'confirmation' };
}

function rejectionData(state: OpenedCase, command: RejectCase & { readonly reasons: readonly Reason[] }, stage: RejectionStage, level: ConfirmationLevel) {
  const { facts } = state;
  const applicant = facts.members.find((m) => m.memberId === facts.applicantMemberId) ?? facts.members[0];
  const applicantName = applicant?.name ?? '';
  return {
    applicationId: facts.applicationId,
    programme: facts.programme,
    region: facts.region,
    stage,
    reasons: command.reasons,
    rejectedBy: command.rejectedBy,
    rejectionLevel: level,
    rejectedAt: command.rejectedAt,
    noticeText: rejectionNoticeText({
      applicantName,
      programme: facts.programme,
      reasons: command.reasons,
      decidedOn: command.today,
      level,
      ...(command.authorityName === undefined ? {} : { authorityName: command.authorityName }),
    }),
    consents: { charityReferral: facts.consents.charityReferral },
    contact: {
      applicantResidentId: applicant?.residentId ?? '',
      applicantName,
      ...(facts.applicantPhone === undefined ? {} : { phone: facts.applicantPhone }),
      householdSize: state.check.householdSize,
    },
  };
}
