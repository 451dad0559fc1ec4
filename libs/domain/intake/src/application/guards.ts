import { type Actor, withinJurisdiction } from '@sa/domain-shared';
import { problem, type IntakeRejection } from '../rejections';
import type { Application, ApplicationState } from './state';

/**
 * The application a command may still change: submitted (404 otherwise), within the region of the
 * actor's organisation unit when a person acts (403 otherwise: a county covers its townships and
 * villages), and not yet decided or withdrawn.
 */
export function activeApplication(
  state: ApplicationState,
  applicationId: string,
  actor?: Pick<Actor, 'orgUnit'>,
): { application: Application } | { problem: IntakeRejection } {
  if (state.status === 'not-submitted' || state.application.applicationId !== applicationId) {
    return { problem: problem('APPLICATION_NOT_FOUND', `Application ${applicationId} has not been submitted`, 'applicationId') };
  }
  if (actor && !withinJurisdiction(actor.orgUnit, state.application.region)) {
    const outside = `region ${state.application.region} is outside the jurisdiction of organisation unit ${actor.orgUnit}`;
    return { problem: problem('OUTSIDE_JURISDICTION', outside, 'applicationId') };
  }
  if (state.status === 'withdrawn') return { problem: problem('APPLICATION_WITHDRAWN', `Application ${applicationId} was withdrawn`, 'applicationId') };
  if (state.status === 'closed') {
    return { problem: problem('APPLICATION_ALREADY_DECIDED', `Application ${applicationId} was already ${state.outcome}`, 'applicationId') };
  }
  return { application: state.application };
}
