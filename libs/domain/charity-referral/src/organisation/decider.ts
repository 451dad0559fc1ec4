/** The organisation registry (慈善组织/社会组织名录): who may be offered referrals, where, for which needs. */
import { accept, isRegionCode, parseRegionCode, type Decider, type Decision, type RegionCode, withinJurisdiction } from '@sa/domain-shared';
import { problem, rejectWith, type ReferralRejection } from '../rejections';
import { instantProblem } from '../referral/offer';
import { needsProblem } from '../referral/open';
import type { CharityOrganisation } from '../referral/organisation';
import { isBlank } from '../validation';
import type { DeregisterOrganisation, OrganisationCommand, RegisterOrganisation } from './commands';
import type { OrganisationEvent } from './events';

export type OrganisationState =
  | { readonly status: 'not-registered' }
  | { readonly status: 'registered'; readonly organisation: CharityOrganisation }
  | { readonly status: 'deregistered'; readonly organisation: CharityOrganisation };

/**
 * The id doubles as the user id in the organisation's sign-in tokens and travels in every referral
 * event (at most 64 characters there), so it is kept to plain characters.
 */
const organisationIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isOrganisationId(value: unknown): value is string {
  return typeof value === 'string' && organisationIdPattern.test(value);
}

function decideRegister(command: RegisterOrganisation, state: OrganisationState): Decision<OrganisationEvent> {
  if (!isOrganisationId(command.organisationId)) {
    return rejectWith(problem('INVALID_ORGANISATION_ID', 'Organisation id must be 1 to 64 letters, digits, dot, underscore or hyphen', 'organisationId'));
  }
  if (state.status !== 'not-registered') {
    return rejectWith(problem('ORGANISATION_ALREADY_REGISTERED', `Organisation ${command.organisationId} is already in the registry`, 'organisationId'));
  }
  const regions = serviceRegionsOf(command.serviceRegions);
  if (!Array.isArray(regions)) return rejectWith(regions.problem);
  const invalid =
    (isBlank(command.name) ? problem('ORGANISATION_NAME_REQUIRED', 'An organisation needs a name', 'name') : undefined) ??
    needsProblem(command.provides, 'provides') ??
    instantProblem(command.registeredAt, 'registeredAt');
  if (invalid) return rejectWith(invalid);
  return accept<OrganisationEvent>({
    type: 'OrganisationRegistered',
    data: {
      organisationId: command.organisationId,
      name: command.name.trim(),
      serviceRegions: regions,
      provides: command.provides,
      registeredBy: command.registeredBy,
      registeredAt: command.registeredAt,
    },
  });
}

/** Normalised, each once: "331002000000" and "331002" are the same county. */
function serviceRegionsOf(values: readonly string[]): RegionCode[] | { problem: ReferralRejection } {
  if (!Array.isArray(values) || values.length === 0) {
    return { problem: problem('SERVICE_REGION_REQUIRED', 'Name at least one region the organisation serves', 'serviceRegions') };
  }
  const regions: RegionCode[] = [];
  for (const [i, value] of values.entries()) {
    if (typeof value !== 'string' || !isRegionCode(value)) {
      return {
        problem: problem('INVALID_REGION_CODE', 'Region must be an administrative division code of 6, 9 or 12 digits (GB/T 2260)', `serviceRegions[${i}]`),
      };
    }
    const region = parseRegionCode(value);
    if (regions.includes(region)) return { problem: problem('DUPLICATE_SERVICE_REGION', `Region ${region} is listed twice`, `serviceRegions[${i}]`) };
    regions.push(region);
  }
  return regions;
}

function decideDeregister(command: DeregisterOrganisation, state: OrganisationState): Decision<OrganisationEvent> {
  if (state.status === 'not-registered') {
    return rejectWith(problem('ORGANISATION_NOT_FOUND', `Organisation ${command.organisationId} is not in the registry`, 'organisationId'));
  }
  // A county administrator takes out only organisations all of whose service regions lie in the county.
  const outside = state.organisation.serviceRegions.find((region) => !withinJurisdiction(command.deregisteredBy.orgUnit, region));
  if (outside !== undefined) {
    const why = `region ${outside} is outside the jurisdiction of organisation unit ${command.deregisteredBy.orgUnit}`;
    return rejectWith(problem('OUTSIDE_JURISDICTION', why, 'organisationId'));
  }
  if (state.status === 'deregistered') {
    return rejectWith(problem('ORGANISATION_DEREGISTERED', `Organisation ${command.organisationId} was already taken out of the registry`, 'organisationId'));
  }
  const invalid =
    (isBlank(command.reason) ? problem('REASON_REQUIRED', 'Say why the organisation leaves the registry', 'reason') : undefined) ??
    instantProblem(command.deregisteredAt, 'deregisteredAt');
  if (invalid) return rejectWith(invalid);
  return accept<OrganisationEvent>({
    type: 'OrganisationDeregistered',
    data: {
      organisationId: state.organisation.organisationId,
      reason: command.reason,
      deregisteredBy: command.deregisteredBy,
      deregisteredAt: command.deregisteredAt,
    },
  });
}

function evolve(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case 'OrganisationRegistered': {
      const { organisationId, name, serviceRegions, provides } = event.data;
      return { status: 'registered', organisation: { organisationId, name, serviceRegions: serviceRegions as RegionCode[], provides } };
    }
    case 'OrganisationDeregistered':
      return state.status === 'registered' ? { status: 'deregistered', organisation: state.organisation } : state;
  }
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: { status: 'not-registered' },
  decide: (command, state) => (command.type === 'RegisterOrganisation' ? decideRegister(command, state) : decideDeregister(command, state)),
  evolve,
};
