import { accept, deepEqual, type Decision } from '@sa/domain-shared';
import { problem, rejectWith, type IntakeRejection } from '../rejections';
import { isOneOf, normaliseRegion, normaliseResidentId, regionProblem, requiredText } from '../validation';
import { activeApplicationConflict } from './active-application';
import type { AmendApplication, ApplicationChanges } from './commands';
import type { ApplicationEvent } from './events';
import { applicationLocations, type ApplicationLocation, type HouseholdMember, type NearRelativeDeclaration } from './household';
import { assetsProblem, bankAccountProblem, consentsProblem, membersProblem, nearRelativeProblem, normaliseMembers } from './household-validation';
import { activeApplication } from './guards';
import { nearRelativeFlag } from './near-relative';
import type { Application, ApplicationState } from './state';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function decideAmend(command: AmendApplication, state: ApplicationState): Decision<ApplicationEvent> {
  const found = activeApplication(state, command.applicationId, command.amendedBy);
  if ('problem' in found) return rejectWith(found.problem);
  const { application } = found;
  const proposed = normaliseChanges(command.changes);
  const invalid = requiredText(command.reason, 'REASON_REQUIRED', 'reason', 'The reason for an amendment') ?? changesProblem(proposed, application, command);
  if (invalid) return rejectWith(invalid);
  const changes = changedParts(proposed, currentParts(application));
  if (Object.keys(changes).length === 0) {
    return rejectWith(problem('NOTHING_TO_AMEND', 'The amendment changes nothing that the application declares', 'changes'));
  }
  return accept<ApplicationEvent>(
    {
      type: 'ApplicationAmended',
      data: { applicationId: application.applicationId, changes, reason: command.reason, amendedBy: command.amendedBy, amendedAt: command.amendedAt },
    },
    ...nearRelativeFlag(
      application.applicationId,
      changes.nearRelative ?? application.nearRelative,
      application.flaggedAsNearRelative,
      command.amendedBy,
      command.amendedAt,
    ),
  );
}

function normaliseChanges(changes: ApplicationChanges): ApplicationChanges {
  const normalised: Writable<ApplicationChanges> = { ...changes };
  if (changes.members !== undefined) normalised.members = normaliseMembers(changes.members);
  if (changes.region !== undefined && regionProblem(changes.region, 'changes.region') === undefined) normalised.region = normaliseRegion(changes.region);
  return normalised;
}

/** Checks a part only when the amendment gives it. */
function ifGiven<T>(value: T | undefined, check: (value: T) => IntakeRejection | undefined): IntakeRejection | undefined {
  return value === undefined ? undefined : check(value);
}

function changesProblem(changes: ApplicationChanges, application: Application, command: AmendApplication): IntakeRejection | undefined {
  return (
    ifGiven(changes.region, (region) => regionProblem(region, 'changes.region')) ??
    ifGiven(changes.applicationLocation, locationProblem) ??
    ifGiven(changes.members, (members) => membersChangeProblem(members, application, command.residentsInActiveApplications ?? [])) ??
    ifGiven(changes.declaredAssets, (assets) => assetsProblem(assets, 'changes.declaredAssets')) ??
    ifGiven(changes.bankAccount, (account) => bankAccountProblem(account, 'changes.bankAccount')) ??
    ifGiven(changes.consents, (consents) => consentsProblem(consents, 'changes.consents')) ??
    ifGiven(changes.nearRelative, (declaration) => nearRelativeChangeProblem(declaration, application))
  );
}

function locationProblem(location: ApplicationLocation): IntakeRejection | undefined {
  if (isOneOf(applicationLocations, location)) return undefined;
  return problem('INVALID_APPLICATION_LOCATION', 'Apply at the hukou location or the place of residence (居住地申报)', 'changes.applicationLocation');
}

/** Residents already in this application are no conflict with it, so only residents this amendment adds can clash. */
function membersChangeProblem(members: readonly HouseholdMember[], application: Application, activeElsewhere: readonly string[]): IntakeRejection | undefined {
  const invalid = membersProblem(members, 'changes.members');
  if (invalid) return invalid;
  const current = new Set(application.household.members.map((member) => member.residentId));
  const others = activeElsewhere.filter((residentId) => !current.has(normaliseResidentId(residentId)));
  return activeApplicationConflict(members, others, 'changes.members');
}

function nearRelativeChangeProblem(declaration: NearRelativeDeclaration, application: Application): IntakeRejection | undefined {
  // Un-filing would be the easiest way to hide a favour (人情保): a filing can be corrected, never removed.
  if (application.nearRelative.declared && !declaration.declared) {
    return problem(
      'NEAR_RELATIVE_FILING_CANNOT_BE_REMOVED',
      'A near-relative filing (近亲属备案) cannot be withdrawn by amendment',
      'changes.nearRelative.declared',
    );
  }
  return nearRelativeProblem(declaration, 'changes.nearRelative');
}

function currentParts(application: Application): ApplicationChanges {
  const { household } = application;
  return {
    region: application.region,
    applicationLocation: application.applicationLocation,
    members: household.members,
    declaredAssets: household.declaredAssets,
    bankAccount: household.bankAccount,
    consents: application.consents,
    nearRelative: application.nearRelative,
  };
}

/** Keeps only the parts that differ from what the application already says: the event records what changed. */
function changedParts(proposed: ApplicationChanges, current: ApplicationChanges): ApplicationChanges {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(proposed) as (keyof ApplicationChanges)[]) {
    if (proposed[key] !== undefined && !deepEqual(proposed[key], current[key])) changes[key] = proposed[key];
  }
  return changes as ApplicationChanges;
}

/** Applies an amendment's changes to the application (used by evolve). */
export function applyChanges(application: Application, changes: ApplicationChanges): Application {
  const { region, applicationLocation, members, declaredAssets, bankAccount, consents, nearRelative } = changes;
  return {
    ...application,
    ...(region === undefined ? {} : { region }),
    ...(applicationLocation === undefined ? {} : { applicationLocation }),
    ...(consents === undefined ? {} : { consents }),
    ...(nearRelative === undefined ? {} : { nearRelative }),
    household: {
      members: members ?? application.household.members,
      declaredAssets: declaredAssets ?? application.household.declaredAssets,
      bankAccount: bankAccount ?? application.household.bankAccount,
    },
    amendments: application.amendments + 1,
  };
}
