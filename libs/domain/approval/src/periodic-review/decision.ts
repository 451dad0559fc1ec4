/** The re-check (核查) a township worker records, and the review's decision by someone else (审核/审批). */
import { accept, type Decision } from '@sa/domain-shared';
import { problem, refuse } from '../rejections';
import { actorProblem, fenAmountProblem, idProblem, instantProblem, reasonsProblem, textProblem } from '../validation';
import type { DecideReview, RecordRecheck } from './commands';
import type { PeriodicReviewEvent } from './events';
import { decisionAuthorityProblem, recheckAuthorityProblem, scheduledReview, termsProblem } from './guards';
import { dueOnAfter, intervalOf, nextMonthAfter, proposalOf } from './rules';
import type { PeriodicReviewState } from './state';
import { reviewOutcomes } from './values';

const first = (...checks: (() => ReturnType<typeof idProblem>)[]) => checks.reduce<ReturnType<typeof idProblem>>((found, check) => found ?? check(), undefined);

export function decideRecordRecheck(command: RecordRecheck, state: PeriodicReviewState): Decision<PeriodicReviewEvent> {
  const r = command.recheck;
  const invalid = first(
    () => idProblem(command.applicationId, 'applicationId'),
    () =>
      Number.isInteger(r?.householdSize) && r.householdSize >= 1
        ? undefined
        : problem('INVALID_AMOUNT', 'must be a whole number of persons, at least 1', 'recheck.householdSize'),
    () => fenAmountProblem(r.countedMonthlyIncomeFen, 'recheck.countedMonthlyIncomeFen', false),
    () => fenAmountProblem(r.standardFen, 'recheck.standardFen', true),
    () => (typeof r.incomeFromEmployment === 'boolean' ? undefined : problem('INVALID_FLAG', 'must be true or false', 'recheck.incomeFromEmployment')),
    () => textProblem(r.findings, 'recheck.findings', 2000),
    () => termsProblem(command.terms, 'terms'),
    () => actorProblem(command.recordedBy, 'recordedBy'),
    () => instantProblem(command.recordedAt, 'recordedAt'),
  );
  if (invalid) return refuse(invalid);
  const found = scheduledReview(state, command.applicationId);
  if ('rejection' in found) return refuse(found.rejection);
  const { review } = found;
  if (review.phase === 'scheduled') return refuse(problem('PERIODIC_REVIEW_NOT_OPEN', `review ${review.cycle} opens on ${review.dueOn}`, 'applicationId'));
  if (review.phase === 'rechecked') return refuse(problem('RECHECK_ALREADY_RECORDED', `the re-check of review ${review.cycle} is recorded`, 'applicationId'));
  const denied = recheckAuthorityProblem(command.recordedBy, review, 'recordedBy');
  if (denied) return refuse(denied);
  const { proposal, trace } = proposalOf(review.programme, review.household.monthlyAmountFen, r, command.terms);
  return accept({
    type: 'PeriodicRecheckRecorded',
    data: {
      applicationId: review.applicationId,
      cycle: review.cycle,
      recheck: r,
      proposal,
      trace,
      policyId: command.terms.policyId,
      recordedBy: command.recordedBy,
      recordedAt: command.recordedAt,
    },
  });
}

/**
 * The outcome follows the re-check (continue / change the amount / gradual exit / terminate as it
 * proposes); the township may instead suspend or terminate with its reasons (e.g. the household
 * refused the visit), never pay on against its own re-check.
 */
export function decideReview(command: DecideReview, state: PeriodicReviewState): Decision<PeriodicReviewEvent> {
  const invalid = first(
    () => idProblem(command.applicationId, 'applicationId'),
    () =>
      (reviewOutcomes as readonly string[]).includes(command.outcome)
        ? undefined
        : problem('INVALID_OUTCOME', `must be one of ${reviewOutcomes.join(', ')}`, 'outcome'),
    () => reasonsProblem(command.reasons, 'reasons', true),
    () => termsProblem(command.terms, 'terms'),
    () => actorProblem(command.decidedBy, 'decidedBy'),
    () => instantProblem(command.decidedAt, 'decidedAt'),
  );
  if (invalid) return refuse(invalid);
  const found = scheduledReview(state, command.applicationId);
  if ('rejection' in found) return refuse(found.rejection);
  const { review } = found;
  if (review.phase !== 'rechecked' || !review.recheck)
    return refuse(problem('RECHECK_REQUIRED', `review ${review.cycle} has no re-check recorded yet`, 'applicationId'));
  const recheck = review.recheck;
  const denied = decisionAuthorityProblem(command.decidedBy, review, recheck.recordedBy, 'decidedBy');
  if (denied) return refuse(denied);
  const { outcome } = command;
  if (outcome !== recheck.proposal.outcome && outcome !== 'suspend' && outcome !== 'terminate') {
    return refuse(
      problem('OUTCOME_CONTRADICTS_RECHECK', `the re-check proposes ${recheck.proposal.outcome}; a review may follow it, suspend or terminate`, 'outcome'),
    );
  }
  const f = recheck.findings;
  const household = {
    householdSize: f.householdSize,
    countedMonthlyIncomeFen: f.countedMonthlyIncomeFen,
    standardFen: f.standardFen,
    monthlyAmountFen: outcome === 'change-amount' || outcome === 'continue' ? recheck.proposal.monthlyAmountFen : review.household.monthlyAmountFen,
  };
  const effectiveMonth = nextMonthAfter(command.decidedAt);
  const keepsPaying = outcome === 'continue' || outcome === 'change-amount' || outcome === 'start-gradual-exit';
  const decided: PeriodicReviewEvent = {
    type: 'PeriodicReviewDecided',
    data: {
      applicationId: review.applicationId,
      programme: review.programme,
      region: review.region,
      cycle: review.cycle,
      outcome,
      reasons: command.reasons,
      effectiveMonth,
      household,
      perCapitaMonthlyIncomeFen: recheck.proposal.perCapitaMonthlyIncomeFen,
      ...(outcome === 'start-gradual-exit' ? { gradualExitMonths: command.terms.gradualExitMonths } : {}),
      resumesSuspension: review.lapsed && keepsPaying,
      recheckedBy: recheck.recordedBy,
      trace: [{ rule: `decided-${outcome}`, detail: `re-check proposed ${recheck.proposal.outcome}; from ${effectiveMonth}` }],
      policyId: command.terms.policyId,
      decidedBy: command.decidedBy,
      decidedAt: command.decidedAt,
    },
  };
  if (outcome === 'terminate' || outcome === 'start-gradual-exit') return accept(decided);
  // The next cycle, at the interval the re-check's household now calls for.
  const interval = intervalOf(command.terms, review.programme, f.basis);
  const dueOn = dueOnAfter(review.dueOn.slice(0, 7), interval.months);
  return accept<PeriodicReviewEvent>(decided, {
    type: 'PeriodicReviewScheduled',
    data: {
      applicationId: review.applicationId,
      programme: review.programme,
      region: review.region,
      cycle: review.cycle + 1,
      dueOn,
      cadence: interval.cadence,
      intervalMonths: interval.months,
      basis: f.basis,
      household,
      trace: [{ rule: `review-${interval.cadence}`, detail: `${interval.rule}; after review ${review.cycle} due ${review.dueOn}, next due ${dueOn}` }],
      policyId: command.terms.policyId,
      scheduledBy: command.decidedBy,
      scheduledAt: command.decidedAt,
    },
  });
}
