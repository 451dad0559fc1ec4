/** A review's timing: the first one scheduled from the approval, opening when due, lapsing when the re-check is late. */
import { accept, type Decision } from '@sa/domain-shared';
import { problem, refuse } from '../rejections';
import { actorProblem, dateProblem, fenAmountProblem, idProblem, instantProblem, programmeProblem, regionProblem } from '../validation';
import type { LapseReview, OpenReview, ScheduleFirstReview } from './commands';
import type { PeriodicReviewEvent } from './events';
import { scheduledReview, termsProblem } from './guards';
import { dueOnAfter, intervalOf, nextMonthAfter, recheckDueBy } from './rules';
import type { PeriodicReviewState } from './state';

const first = (...checks: (() => ReturnType<typeof idProblem>)[]) => checks.reduce<ReturnType<typeof idProblem>>((found, check) => found ?? check(), undefined);

export function decideScheduleFirst(command: ScheduleFirstReview, state: PeriodicReviewState): Decision<PeriodicReviewEvent> {
  const h = command.household;
  const invalid = first(
    () => idProblem(command.applicationId, 'applicationId'),
    () => programmeProblem(command.programme, 'programme'),
    () => regionProblem(command.region, 'region'),
    () => (/^\d{4}-(0[1-9]|1[0-2])$/.test(command.benefitStartMonth) ? undefined : problem('INVALID_DATE', 'must be a month YYYY-MM', 'benefitStartMonth')),
    () =>
      Number.isInteger(h?.householdSize) && h.householdSize >= 1
        ? undefined
        : problem('INVALID_AMOUNT', 'must be a whole number of persons, at least 1', 'household.householdSize'),
    () => fenAmountProblem(h.countedMonthlyIncomeFen, 'household.countedMonthlyIncomeFen', false),
    () => fenAmountProblem(h.standardFen, 'household.standardFen', true),
    () => fenAmountProblem(h.monthlyAmountFen, 'household.monthlyAmountFen', false),
    () => termsProblem(command.terms, 'terms'),
    () => actorProblem(command.scheduledBy, 'scheduledBy'),
    () => instantProblem(command.scheduledAt, 'scheduledAt'),
  );
  if (invalid) return refuse(invalid);
  if (state.phase !== 'unscheduled')
    return refuse(problem('PERIODIC_REVIEW_ALREADY_SCHEDULED', 'the first review of this case is already scheduled', 'applicationId'));
  const { applicationId, programme, region, basis, household, terms, scheduledBy, scheduledAt } = command;
  const interval = intervalOf(terms, programme, basis);
  const dueOn = dueOnAfter(command.benefitStartMonth, interval.months);
  return accept({
    type: 'PeriodicReviewScheduled',
    data: {
      applicationId,
      programme,
      region,
      cycle: 1,
      dueOn,
      cadence: interval.cadence,
      intervalMonths: interval.months,
      basis,
      household,
      trace: [{ rule: `review-${interval.cadence}`, detail: `${interval.rule}; benefit from ${command.benefitStartMonth}, due ${dueOn}` }],
      policyId: terms.policyId,
      scheduledBy,
      scheduledAt,
    },
  });
}

export function decideOpen(command: OpenReview, state: PeriodicReviewState): Decision<PeriodicReviewEvent> {
  const invalid = first(
    () => idProblem(command.applicationId, 'applicationId'),
    () => dateProblem(command.today, 'today'),
    () => termsProblem(command.terms, 'terms'),
    () => actorProblem(command.openedBy, 'openedBy'),
    () => instantProblem(command.openedAt, 'openedAt'),
  );
  if (invalid) return refuse(invalid);
  const found = scheduledReview(state, command.applicationId);
  if ('rejection' in found) return refuse(found.rejection);
  const { review } = found;
  if (review.phase !== 'scheduled') return refuse(problem('PERIODIC_REVIEW_ALREADY_OPEN', `review ${review.cycle} is already open`, 'applicationId'));
  if (command.today < review.dueOn) return refuse(problem('PERIODIC_REVIEW_NOT_DUE', `review ${review.cycle} is due on ${review.dueOn}`, 'today'));
  const dueBy = recheckDueBy(command.today, command.terms);
  return accept({
    type: 'PeriodicReviewOpened',
    data: {
      applicationId: review.applicationId,
      region: review.region,
      cycle: review.cycle,
      dueOn: review.dueOn,
      openedOn: command.today,
      recheckDueBy: dueBy,
      trace: [
        {
          rule: 'recheck-due',
          detail: `${command.terms.recheckDueWorkingDays} working days after ${command.today} (State Council holiday schedule, 调休 counted): ${dueBy} (${command.terms.recheckDueSource})`,
        },
      ],
      policyId: command.terms.policyId,
      openedBy: command.openedBy,
      openedAt: command.openedAt,
    },
  });
}

export function decideLapse(command: LapseReview, state: PeriodicReviewState): Decision<PeriodicReviewEvent> {
  const invalid = first(
    () => idProblem(command.applicationId, 'applicationId'),
    () => dateProblem(command.today, 'today'),
    () => actorProblem(command.lapsedBy, 'lapsedBy'),
    () => instantProblem(command.lapsedAt, 'lapsedAt'),
  );
  if (invalid) return refuse(invalid);
  const found = scheduledReview(state, command.applicationId);
  if ('rejection' in found) return refuse(found.rejection);
  const { review } = found;
  if (review.phase !== 'open' || review.recheckDueBy === undefined || review.lapsed) {
    return refuse(problem('PERIODIC_REVIEW_NOT_OVERDUE', `review ${review.cycle} has no re-check outstanding`, 'applicationId'));
  }
  if (command.today <= review.recheckDueBy) return refuse(problem('PERIODIC_REVIEW_NOT_OVERDUE', `the re-check is due by ${review.recheckDueBy}`, 'today'));
  const { applicationId, programme, region, cycle, recheckDueBy: dueBy } = review;
  return accept({
    type: 'PeriodicReviewLapsed',
    data: {
      applicationId,
      programme,
      region,
      cycle,
      recheckDueBy: dueBy,
      suspendFromMonth: nextMonthAfter(command.lapsedAt),
      reasons: [{ code: 'review-overdue', message: `定期核查未在${dueBy}前完成（无法联系或未配合核查），暂停发放，待核查后恢复` }],
      lapsedBy: command.lapsedBy,
      lapsedAt: command.lapsedAt,
    },
  });
}
