/**
 * HouseholdCheck (家庭经济状况核对) of one application: requested with the household's consent,
 * department data collected, assessed under the policy in force, completed eligible or
 * ineligible; re-checked when a sustained objection sends the case back. Repeating a command that
 * already took effect (same check id) is accepted with no new events, so redelivery is harmless.
 */
import { accept, chinaDate, MoneyOutOfRangeError, policyInForce, policyProblems, type Decider, type Decision, withinJurisdiction } from '@sa/domain-shared';
import { assessHouseholdEconomicStatus } from '../assessment/assess-household';
import { householdProblem } from '../household';
import { recheckForFinding } from '../investigation/record-finding';
import { refuse } from '../rejections';
import type {
  AbandonCheck,
  AssessHousehold,
  CancelCheck,
  CollectDepartmentData,
  CompleteCheck,
  HouseholdCheckCommand,
  HouseholdCheckEvent,
  RequestCheck,
  RequestRecheck,
} from './messages';
import { evolveHouseholdCheck, initialHouseholdCheckState, type CheckedApplication, type HouseholdCheckState } from './state';

type Result = Decision<HouseholdCheckEvent>;
type OpenState = Extract<HouseholdCheckState, { status: 'open' }>;

/** The open round the command is about, or why there is none. */
function openRound(state: HouseholdCheckState, checkId: string): { state: OpenState } | { rejection: Result } {
  switch (state.status) {
    case 'not-requested':
      return { rejection: refuse('CHECK_NOT_FOUND', 'no check was requested for this application') };
    case 'cancelled':
      return { rejection: refuse('CHECK_CANCELLED', 'the check was cancelled') };
    case 'completed':
      return { rejection: refuse('CHECK_ALREADY_COMPLETED', `check ${state.round.checkId} is already completed`) };
    case 'abandoned':
      return { rejection: refuse('CHECK_ABANDONED', `check ${state.round.checkId} was closed because it cannot complete: ${state.reason.message}`) };
    case 'open':
      if (state.round.checkId !== checkId)
        return { rejection: refuse('CHECK_ID_MISMATCH', `the open check is ${state.round.checkId}, not ${checkId}`, 'checkId') };
      return { state };
  }
}

function requestCheck(command: RequestCheck, state: HouseholdCheckState): Result {
  if (state.status !== 'not-requested') {
    if (state.status !== 'cancelled' && state.application.checkIds[0] === command.checkId) return accept();
    return refuse('CHECK_ALREADY_REQUESTED', 'a check was already requested for this application; request a re-check instead');
  }
  // 核对授权: without it no department may be asked about the household.
  if (!command.consentToDataCheck) {
    return refuse('CONSENT_TO_DATA_CHECK_MISSING', 'the household has not authorised the economic-status check (核对授权)', 'consentToDataCheck');
  }
  const problem = householdProblem(command.household);
  if (problem) return refuse(problem.code, problem.message, problem.field);
  const { applicationId, checkId, programme, region, area, household, requestedAt } = command;
  return accept({ type: 'CheckRequested', data: { applicationId, checkId, programme, region, area, household, consentToDataCheck: true, requestedAt } });
}

function collectDepartmentData(command: CollectDepartmentData, state: HouseholdCheckState): Result {
  const found = openRound(state, command.checkId);
  if ('rejection' in found) return found.rejection;
  const { application } = found.state;
  // The consent covers the household's members only: a check never holds anyone else's data.
  const members = new Set<string>(application.household.members.map((m) => m.residentId));
  if (command.records.some((r) => !members.has(r.residentId))) {
    return refuse('RECORDS_FOR_NON_MEMBER', 'department records may only be collected for members of the household', 'records');
  }
  return accept({
    type: 'DepartmentDataCollected',
    data: { applicationId: application.applicationId, checkId: command.checkId, records: command.records, asOf: command.asOf },
  });
}

function policyRejection(command: AssessHousehold, application: CheckedApplication, assessedOn: string): Result | undefined {
  const problems = policyProblems(command.policy);
  if (problems.length > 0) return refuse('POLICY_INVALID', problems.map((p) => `${p.field} ${p.rule}`).join('; '), 'policy');
  if (policyInForce([command.policy], application.region, assessedOn) !== command.policy) {
    return refuse('POLICY_NOT_IN_FORCE', `policy ${command.policy.id} is not in force for region ${application.region} on ${assessedOn}`, 'policy');
  }
  return undefined;
}

function assessHousehold(command: AssessHousehold, state: HouseholdCheckState): Result {
  const found = openRound(state, command.checkId);
  if ('rejection' in found) return found.rejection;
  const { application, round } = found.state;
  if (round.data === undefined) return refuse('DEPARTMENT_DATA_NOT_COLLECTED', 'department data must be collected before the household is assessed (逢进必核)');
  if (Number.isNaN(Date.parse(command.assessedAt))) return refuse('ASSESSED_AT_INVALID', 'assessedAt must be an ISO 8601 date-time', 'assessedAt');
  const assessedOn = chinaDate(command.assessedAt);
  const rejection = policyRejection(command, application, assessedOn);
  if (rejection) return rejection;
  const input = { programme: application.programme, area: application.area, assessedOn, household: application.household };
  let assessment;
  try {
    assessment = assessHouseholdEconomicStatus({ ...input, departmentRecords: round.data.records, policy: command.policy, options: command.options });
  } catch (error) {
    // The same facts give the same overflow on every retry: close the round with the reason (核对无法完成).
    if (!(error instanceof MoneyOutOfRangeError)) throw error;
    return abandoned(application.applicationId, round.checkId, command.assessedAt);
  }
  const data = {
    applicationId: application.applicationId,
    checkId: round.checkId,
    region: application.region,
    assessedAt: command.assessedAt,
    policyId: command.policy.id,
    assessment,
  };
  return accept({ type: 'HouseholdEconomicStatusAssessed', data });
}

function abandoned(applicationId: string, checkId: string, abandonedAt: string): Result {
  const message =
    'the household income or property cannot be summed exactly: a sum of its amounts in fen is beyond Number.MAX_SAFE_INTEGER; ' +
    'correct the declared amounts (amend the application) and the check runs again';
  return accept({ type: 'CheckAbandoned', data: { applicationId, checkId, reason: { code: 'amount-out-of-range', message }, abandonedAt } });
}

function abandonCheck(command: AbandonCheck, state: HouseholdCheckState): Result {
  if (state.status === 'abandoned' && state.round.checkId === command.checkId) return accept();
  const found = openRound(state, command.checkId);
  if ('rejection' in found) return found.rejection;
  const { applicationId } = found.state.application;
  return accept({ type: 'CheckAbandoned', data: { applicationId, checkId: command.checkId, reason: command.reason, abandonedAt: command.abandonedAt } });
}

function completeCheck(command: CompleteCheck, state: HouseholdCheckState): Result {
  if (state.status === 'completed' && state.round.checkId === command.checkId) return accept();
  const found = openRound(state, command.checkId);
  if ('rejection' in found) return found.rejection;
  const { application, round } = found.state;
  if (round.assessed === undefined)
    return refuse('CHECK_NOT_ASSESSED', 'the household must be assessed on the latest department data before the check completes');
  const { assessment, assessedAt } = round.assessed;
  return accept({
    type: 'CheckCompleted',
    data: {
      applicationId: application.applicationId,
      checkId: round.checkId,
      programme: application.programme,
      region: application.region,
      outcome: assessment.eligible ? 'eligible' : 'ineligible',
      reasons: assessment.ineligibilityReasons,
      assessedAt,
      completedAt: command.completedAt,
      ...(command.completedBy ? { completedBy: command.completedBy } : {}),
      assessment,
    },
  });
}

/** Why a re-check cannot be requested when the last check is neither completed nor abandoned. */
function notCompleted(state: Exclude<HouseholdCheckState, { status: 'completed' | 'abandoned' }>): Result {
  switch (state.status) {
    case 'not-requested':
      return refuse('CHECK_NOT_FOUND', 'no check was requested for this application');
    case 'cancelled':
      return refuse('CHECK_CANCELLED', 'the check was cancelled');
    case 'open':
      return refuse('CHECK_IN_PROGRESS', `check ${state.round.checkId} is still in progress`);
  }
}

function requestRecheck(command: RequestRecheck, state: HouseholdCheckState): Result {
  // A person asks only for households of their region; the service's own re-checks (a sent-back case) carry no person.
  const by = command.requestedBy;
  if (by && state.status !== 'not-requested' && !withinJurisdiction(by.orgUnit, state.application.region)) {
    return refuse(
      'OUTSIDE_JURISDICTION',
      `region ${state.application.region} is outside the jurisdiction of organisation unit ${by.orgUnit}`,
      'requestedBy.orgUnit',
    );
  }
  if (state.status === 'open' && state.round.checkId === command.checkId) return accept();
  // The same sustained objection again (a repeated send-back): its re-check took effect already.
  if (command.objectionId && state.status !== 'not-requested' && state.application.objectionIds.includes(command.objectionId)) return accept();
  // An abandoned round is closed like a completed one: a re-check on corrected facts may follow it.
  if (state.status !== 'completed' && state.status !== 'abandoned') return notCompleted(state);
  if (state.round.checkId !== command.previousCheckId) {
    return refuse('PREVIOUS_CHECK_MISMATCH', `the last check is ${state.round.checkId}, not ${command.previousCheckId}`, 'previousCheckId');
  }
  if (state.application.checkIds.includes(command.checkId)) return refuse('CHECK_ID_ALREADY_USED', `check id ${command.checkId} was already used`, 'checkId');
  const household = command.household ?? state.application.household;
  const problem = householdProblem(household);
  if (problem) return refuse(problem.code, problem.message, problem.field);
  const { checkId, previousCheckId, objectionId, reason, requestedAt, requestedBy, region, area } = command;
  const optional = {
    ...(objectionId ? { objectionId } : {}),
    ...(requestedBy ? { requestedBy } : {}),
    ...(region ? { region } : {}),
    ...(area ? { area } : {}),
  };
  return accept({
    type: 'RecheckRequested',
    data: { applicationId: state.application.applicationId, checkId, previousCheckId, reason, household, requestedAt, ...optional },
  });
}

/**
 * A withdrawn application stops its open check; a completed check keeps its result (it was
 * published and may be relied on) but is closed, so no re-check runs on a withdrawn application.
 */
function cancelCheck(command: CancelCheck, state: HouseholdCheckState): Result {
  if (state.status === 'cancelled' && state.round.checkId === command.checkId) return accept();
  const cancelled = (applicationId: string): Result =>
    accept({ type: 'CheckCancelled', data: { applicationId, checkId: command.checkId, reason: command.reason, cancelledAt: command.cancelledAt } });
  if (state.status === 'completed' || state.status === 'abandoned') {
    if (state.round.checkId !== command.checkId)
      return refuse('CHECK_ID_MISMATCH', `the last check is ${state.round.checkId}, not ${command.checkId}`, 'checkId');
    return cancelled(state.application.applicationId);
  }
  const found = openRound(state, command.checkId);
  if ('rejection' in found) return found.rejection;
  return cancelled(found.state.application.applicationId);
}

export function decideHouseholdCheck(command: HouseholdCheckCommand, state: HouseholdCheckState): Result {
  switch (command.type) {
    case 'RequestCheck':
      return requestCheck(command, state);
    case 'CollectDepartmentData':
      return collectDepartmentData(command, state);
    case 'AssessHousehold':
      return assessHousehold(command, state);
    case 'CompleteCheck':
      return completeCheck(command, state);
    case 'RequestRecheck':
      return requestRecheck(command, state);
    case 'CancelCheck':
      return cancelCheck(command, state);
    case 'AbandonCheck':
      return abandonCheck(command, state);
    case 'RecordFinding': {
      const found = recheckForFinding(command, state);
      return 'rejection' in found ? found.rejection : requestRecheck(found.recheck, state);
    }
  }
}

export const householdCheckDecider: Decider<HouseholdCheckCommand, HouseholdCheckEvent, HouseholdCheckState> = {
  initialState: initialHouseholdCheckState,
  decide: decideHouseholdCheck,
  evolve: evolveHouseholdCheck,
};
