/**
 * One resident, one live case: a resident already in an application that is still open must not be
 * put in a second one, or the same person could be assessed — and paid — twice (重复申请/重复享受).
 * The decider sees only its own application, so the caller passes in who is in the others.
 */
import { maskResidentId } from '@sa/domain-shared';
import { problem, type IntakeRejection } from '../rejections';
import { normaliseResidentId } from '../validation';
import type { HouseholdMember } from './household';
import type { ApplicationState } from './state';

/**
 * Rejects with RESIDENT_ALREADY_IN_ACTIVE_APPLICATION naming the first member (masked ID and
 * position) found among the residents of other active applications.
 */
export function activeApplicationConflict(
  members: readonly Pick<HouseholdMember, 'residentId'>[],
  residentsInActiveApplications: Iterable<string>,
  path = 'household.members',
): IntakeRejection | undefined {
  const active = new Set([...residentsInActiveApplications].map(normaliseResidentId));
  const index = members.findIndex((member) => active.has(normaliseResidentId(member.residentId)));
  if (index < 0) return undefined;
  const masked = maskResidentId(normaliseResidentId(members[index]?.residentId ?? ''));
  return problem(
    'RESIDENT_ALREADY_IN_ACTIVE_APPLICATION',
    `Resident ${masked} (household member ${index + 1}) is already in another active application; that one must be decided or withdrawn first`,
    `${path}[${index}].residentId`,
  );
}

/** The residents this application holds while it is active: what a read model feeds back into the rule above. */
export function activeResidentIds(state: ApplicationState): string[] {
  return state.status === 'submitted' ? state.application.household.members.map((member) => member.residentId) : [];
}
