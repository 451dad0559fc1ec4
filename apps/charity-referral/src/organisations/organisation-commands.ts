/** The thin command side of the registry: build the command, let the decider decide, append. */
import { Inject, Injectable } from '@nestjs/common';
import { type CharityOrganisation, organisationDecider, type OrganisationState } from '@sa/domain-charity-referral';
import type { EventStore } from '@sa/event-store';
import { assertJurisdiction, type AuthenticatedActor, Clock, EVENT_STORE, executeCommand, loadAggregate } from '@sa/platform';
import { actorOf, userContext } from '../command-context';
import type { RegisterOrganisationRequest } from './requests';

export const organisationStream = (organisationId: string) => `organisation-${organisationId}`;

/** Told after an organisation was registered (e.g. to offer it referrals nobody else took). */
export type RegistrationListener = (organisation: CharityOrganisation) => Promise<void>;

@Injectable()
export class OrganisationCommands {
  private readonly listeners: RegistrationListener[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /** A county administrator registers organisations only for regions within the county. */
  async register(request: RegisterOrganisationRequest, actor: AuthenticatedActor, correlationId?: string): Promise<OrganisationState> {
    for (const region of request.serviceRegions) assertJurisdiction(actor, region);
    const command = {
      type: 'RegisterOrganisation' as const,
      organisationId: request.organisationId,
      name: request.name,
      serviceRegions: request.serviceRegions,
      provides: request.needs,
      registeredBy: actorOf(actor),
      registeredAt: this.clock.now().toISOString(),
    };
    const stream = organisationStream(request.organisationId);
    const { state } = await executeCommand(this.store, stream, organisationDecider, command, userContext(actor, correlationId ?? request.organisationId));
    if (state.status === 'registered') for (const listener of this.listeners) void listener(state.organisation);
    return state;
  }

  /** Listeners run after the registration is stored, without holding up the answer; they handle their own errors. */
  whenRegistered(listener: RegistrationListener): void {
    this.listeners.push(listener);
  }

  async deregister(organisationId: string, reason: string, actor: AuthenticatedActor): Promise<OrganisationState> {
    const command = {
      type: 'DeregisterOrganisation' as const,
      organisationId,
      reason,
      deregisteredBy: actorOf(actor),
      deregisteredAt: this.clock.now().toISOString(),
    };
    return (await executeCommand(this.store, organisationStream(organisationId), organisationDecider, command, userContext(actor, organisationId))).state;
  }

  async load(organisationId: string): Promise<OrganisationState> {
    return (await loadAggregate(this.store, organisationStream(organisationId), organisationDecider)).state;
  }
}
