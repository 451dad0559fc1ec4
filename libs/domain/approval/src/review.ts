/** 乡镇(街道)审核: the township's recommendation on the latest economic check. */
import { accept, type Decision } from '@sa/domain-shared';
import { authorityProblem, reviewSegregationProblem } from './authority';
import type { CompleteTownshipReview } from './commands';
import type { CaseEvent } from './events';
import { isRejection, undecidedCase } from './guards';
import { problem, refuse, type ApprovalRejection } from './rejections';
import type { CaseState, OpenedCase } from './state';
import { actorProblem, firstOf, idProblem, instantProblem, reasonsProblem } from './validation';
import type { Reason } from './values';

export function decideTownshipReview(command: CompleteTownshipReview, state: CaseState): Decision<CaseEvent> {
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () =>
      ['approve', 'reject'].includes(command.recommendation) ? undefined : problem('INVALID_RECOMMENDATION', 'must be approve or reject', 'recommendation'),
    () => reasonsProblem(command.reasons, 'reasons', false),
    () => actorProblem(command.reviewedBy, 'reviewedBy'),
    () => instantProblem(command.reviewedAt, 'reviewedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = undecidedCase(state, command.applicationId);
  if (isRejection(current)) return refuse(current);
  const reasons = reviewReasons(current, command);
  const refused =
    // The person first: whoever took the application may not review it, whatever role they now hold.
    reviewSegregationProblem(current, command.reviewedBy, 'reviewedBy') ??
    authorityProblem(command.reviewedBy, current.facts.region, ['township-reviewer'], ['township'], 'reviewedBy') ??
    reviewOrderProblem(current) ??
    eligibilityProblem(current, command) ??
    // 不予批准 must always state its grounds; an approval may.
    reasonsProblem(reasons, 'reasons', command.recommendation === 'reject');
  if (refused) return refuse(refused);
  const { applicationId, recommendation, reviewedBy, reviewedAt } = command;
  return accept({
    type: 'TownshipReviewCompleted',
    data: { applicationId, checkId: current.check.checkId, recommendation, reasons, reviewedBy, reviewedAt },
  });
}

/** Recommending rejection without stating grounds adopts the economic check's ineligibility reasons. */
function reviewReasons(state: OpenedCase, command: CompleteTownshipReview): readonly Reason[] {
  const given = command.reasons ?? [];
  return given.length === 0 && command.recommendation === 'reject' ? state.check.ineligibilityReasons : given;
}

function reviewOrderProblem(state: OpenedCase): ApprovalRejection | undefined {
  if (state.phase === 'reinvestigation')
    return problem('REINVESTIGATION_REQUIRED', 'a sustained objection needs a new economic check before a new review', 'applicationId');
  if (state.phase !== 'awaiting-review') return problem('REVIEW_ALREADY_COMPLETED', 'the case was already reviewed on its latest check', 'applicationId');
  return undefined;
}

/** "逢进必核": recommending approval against a check that found the household ineligible is refused. */
function eligibilityProblem(state: OpenedCase, command: CompleteTownshipReview): ApprovalRejection | undefined {
  return command.recommendation === 'approve' && !state.check.eligible
    ? problem('CHECK_FOUND_INELIGIBLE', `the economic check ${state.check.checkId} found the household ineligible`, 'recommendation')
    : undefined;
}
