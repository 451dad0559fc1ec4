/** 公示: posting the notice after a review that recommends approval. */
import { accept, chinaDate, type Decision } from '@sa/domain-shared';
import { authorityProblem } from './authority';
import type { PostPublicNotice } from './commands';
import type { CaseEvent } from './events';
import { isRejection, undecidedCase } from './guards';
import { defaultPublicNoticeDays, isPublished, publicNoticePeriod } from './notice';
import { problem, refuse, type ApprovalRejection } from './rejections';
import type { CaseState, OpenedCase } from './state';
import { actorProblem, dateProblem, firstOf, idProblem, instantProblem } from './validation';

export function decidePostPublicNotice(command: PostPublicNotice, state: CaseState): Decision<CaseEvent> {
  const noticeDays = command.noticeDays ?? defaultPublicNoticeDays;
  const invalid = firstOf(
    () => idProblem(command.applicationId, 'applicationId'),
    () => dateProblem(command.startsOn, 'startsOn'),
    () =>
      Number.isInteger(noticeDays) && noticeDays >= 1 && noticeDays <= 90
        ? undefined
        : problem('INVALID_NOTICE_DAYS', 'must be a whole number of days from 1 to 90', 'noticeDays'),
    () => actorProblem(command.postedBy, 'postedBy'),
    () => instantProblem(command.postedAt, 'postedAt'),
  );
  if (invalid) return refuse(invalid);
  const current = undecidedCase(state, command.applicationId);
  if (isRejection(current)) return refuse(current);
  const refused =
    authorityProblem(command.postedBy, current.facts.region, ['township-reviewer', 'county-approver'], ['township', 'county'], 'postedBy') ??
    noticeOrderProblem(current) ??
    // A notice cannot have started before the day it was posted: the days before it informed no one.
    (command.startsOn < chinaDate(command.postedAt) ? problem('INVALID_DATE', 'must not be before the day the notice is posted', 'startsOn') : undefined);
  if (refused) return refuse(refused);
  const period = publicNoticePeriod(command.startsOn, noticeDays);
  return accept({
    type: 'PublicNoticePosted',
    data: {
      applicationId: command.applicationId,
      region: current.facts.region,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      noticeDays,
      published: isPublished(current.facts.involvesMinor),
      postedBy: command.postedBy,
      postedAt: command.postedAt,
    },
  });
}

function noticeOrderProblem(state: OpenedCase): ApprovalRejection | undefined {
  switch (state.phase) {
    case 'reinvestigation':
      return problem('REINVESTIGATION_REQUIRED', 'a sustained objection needs a new check and review before a new notice', 'applicationId');
    case 'awaiting-review':
      return problem('REVIEW_REQUIRED', 'the township must review the case before it is put on notice', 'applicationId');
    case 'on-notice':
      return problem('NOTICE_ALREADY_POSTED', 'the case is already on public notice', 'applicationId');
    default:
      return state.review?.recommendation === 'reject'
        ? problem('REVIEW_RECOMMENDED_REJECTION', 'a case recommended for rejection is not put on notice; the county decides on it', 'applicationId')
        : undefined;
  }
}
