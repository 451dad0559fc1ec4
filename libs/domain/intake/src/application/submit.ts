import { accept, type Decision } from '@sa/domain-shared';
import { problem, rejectWith, type IntakeRejection } from '../rejections';
import { isBlank, isOneOf, normaliseRegion, regionProblem } from '../validation';
import { activeApplicationConflict } from './active-application';
import type { SubmitApplication } from './commands';
import type { ApplicationEvent, ApplicationSubmitted } from './events';
import { applicationLocations, channels, programmes } from './household';
import { consentsProblem, householdProblem, nearRelativeProblem, normaliseHousehold } from './household-validation';
import { nearRelativeFlag } from './near-relative';
import type { ApplicationState } from './state';

export function decideSubmit(command: SubmitApplication, state: ApplicationState): Decision<ApplicationEvent> {
  if (state.status !== 'not-submitted') {
    return rejectWith(problem('APPLICATION_ALREADY_SUBMITTED', `Application ${command.applicationId} has already been submitted`, 'applicationId'));
  }
  const household = normaliseHousehold(command.household);
  const found =
    submissionProblem(command) ?? householdProblem(household) ?? activeApplicationConflict(household.members, command.residentsInActiveApplications ?? []);
  if (found) return rejectWith(found);
  const submitted: ApplicationSubmitted = {
    type: 'ApplicationSubmitted',
    data: {
      applicationId: command.applicationId,
      programme: command.programme,
      region: normaliseRegion(command.region),
      applicationLocation: command.applicationLocation,
      channel: command.channel,
      household,
      consents: command.consents,
      nearRelative: command.nearRelative,
      ...(command.leadId === undefined ? {} : { leadId: command.leadId }),
      submittedBy: command.submittedBy,
      submittedAt: command.submittedAt,
    },
  };
  return accept<ApplicationEvent>(submitted, ...nearRelativeFlag(command.applicationId, command.nearRelative, false, command.submittedBy, command.submittedAt));
}

function submissionProblem(command: SubmitApplication): IntakeRejection | undefined {
  if (isBlank(command.applicationId)) return problem('APPLICATION_ID_REQUIRED', 'An application needs an id', 'applicationId');
  if (!isOneOf(programmes, command.programme)) return problem('INVALID_PROGRAMME', `Programme must be one of ${programmes.join(', ')}`, 'programme');
  if (!isOneOf(applicationLocations, command.applicationLocation)) {
    return problem('INVALID_APPLICATION_LOCATION', 'Apply at the hukou location or the place of residence (居住地申报)', 'applicationLocation');
  }
  if (!isOneOf(channels, command.channel)) return problem('INVALID_CHANNEL', `Channel must be one of ${channels.join(', ')}`, 'channel');
  if (command.leadId !== undefined && isBlank(command.leadId)) return problem('LEAD_ID_REQUIRED', 'A lead id, when given, must not be empty', 'leadId');
  return regionProblem(command.region, 'region') ?? consentsProblem(command.consents, 'consents') ?? nearRelativeProblem(command.nearRelative, 'nearRelative');
}
