import { problem, type IntakeRejection } from '../rejections';
import type { Application, ApplicationState } from './state';

/** The application a command may still change: submitted and not yet decided or withdrawn. */
export function activeApplication(state: ApplicationState, applicationId: string): { application: Application } | { problem: IntakeRejection } {
  if (state.status === 'not-submitted' || state.application.applicationId !== applicationId) {
    return { problem: problem('APPLICATION_NOT_FOUND', `Application ${applicationId} has not been submitted`, 'applicationId') };
  }
  if (state.status === 'withdrawn') return { problem: problem('APPLICATION_WITHDRAWN', `Application ${applicationId} was withdrawn`, 'applicationId') };
  if (state.status === 'closed') {
    return { problem: problem('APPLICATION_ALREADY_DECIDED', `Application ${applicationId} was already ${state.outcome}`, 'applicationId') };
  }
  return { application: state.application };
}
