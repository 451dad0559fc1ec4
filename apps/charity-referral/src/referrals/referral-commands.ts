/**
 * The thin command side of referrals: build the decider's command (the time from the Clock, the
 * registry's candidates and the configured response window as the offer terms), execute it
 * against the referral's stream. The decider decides who may act and what happens next.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Assistance,
  type CaseOutcome,
  type CharityOrganisation,
  defaultNeeds,
  type HouseholdContact,
  type OfferTerms,
  type ReferralCommand,
  referralDecider,
  type ReferralState,
} from '@sa/domain-charity-referral';
import { chinaDate } from '@sa/domain-shared';
import type { EventStore, HandledMessage, RecordedEvent } from '@sa/event-store';
import { type AuthenticatedActor, Clock, type CommandContext, type CommandFor, CONFIG, EVENT_STORE, executeCommand, loadAggregate } from '@sa/platform';
import { actorOf, serviceActor, userContext } from '../command-context';
import { OrganisationRegistry } from '../organisations/organisation-registry';
import type { Config } from '../config';
import { referralIdFor, referralStream } from './referral-ids';
import type { CloseReferralRequest, RecordAssistanceRequest } from './requests';

/** A case decision as the referral needs it (from case-rejected or case-approved). */
export interface CaseDecision {
  readonly applicationId: string;
  readonly region: string;
  readonly caseOutcome: CaseOutcome;
  readonly consent: { readonly charityReferral: boolean; readonly recordedAt: string };
  readonly contact: HouseholdContact;
}

/** The Kafka message a command came from: the inbox record commits with the events it causes. */
export interface CausingMessage {
  readonly eventId: string;
  readonly correlationId?: string;
  readonly handledMessage: HandledMessage;
}

export interface LoadedReferral {
  readonly state: ReferralState;
  readonly history: RecordedEvent[];
}

@Injectable()
export class ReferralCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: Config,
    private readonly registry: OrganisationRegistry,
    private readonly clock: Clock,
  ) {}

  /** Opens the case's referral and offers it to the best match in one decision; the decider refuses without consent. */
  async openFromCase(decision: CaseDecision, message: CausingMessage): Promise<ReferralState> {
    const referralId = referralIdFor(decision.applicationId);
    const opener = serviceActor(decision.region);
    const basis = decision.caseOutcome.outcome === 'rejected' ? 'case-rejected' : 'approved-still-in-hardship';
    const command: ReferralCommand = {
      type: 'OpenReferral',
      referralId,
      applicationId: decision.applicationId,
      caseOutcome: decision.caseOutcome,
      consent: decision.consent,
      region: decision.region,
      needs: defaultNeeds(basis),
      contact: decision.contact,
      openedBy: opener,
      openedAt: this.now(),
      autoOffer: await this.terms(decision.region),
    };
    const context: CommandContext = {
      actor: opener,
      correlationId: message.correlationId ?? message.eventId,
      causationId: message.eventId,
      handledMessage: message.handledMessage,
      idempotencyKey: message.eventId,
    };
    return (await executeCommand(this.store, referralStream(referralId), referralDecider, command, context)).state;
  }

  /** The organisation named by the token's user id accepts the offer it holds. */
  async accept(referralId: string, actor: AuthenticatedActor): Promise<ReferralState> {
    return this.execute(
      referralId,
      { type: 'AcceptReferral', referralId, organisationId: actor.userId, acceptedBy: actorOf(actor), acceptedAt: this.now() },
      actor,
    );
  }

  /** Declining moves the referral on to the next match, so the command carries the offer terms. */
  async decline(referralId: string, reason: string, actor: AuthenticatedActor): Promise<ReferralState> {
    return this.execute(
      referralId,
      async (state) => ({
        type: 'DeclineReferral',
        referralId,
        organisationId: actor.userId,
        reason,
        ...(await this.termsFor(state)),
        declinedBy: actorOf(actor),
        declinedAt: this.now(),
      }),
      actor,
    );
  }

  async recordAssistance(
    referralId: string,
    request: RecordAssistanceRequest,
    actor: AuthenticatedActor,
  ): Promise<{ assistanceId: string; state: ReferralState }> {
    const recordedAt = this.now();
    const assistanceId = request.assistanceId ?? randomUUID();
    const state = await this.execute(
      referralId,
      {
        type: 'RecordAssistance',
        referralId,
        organisationId: actor.userId,
        assistanceId,
        assistance: assistanceOf(request),
        providedOn: request.date ?? chinaDate(recordedAt),
        recordedBy: actorOf(actor),
        recordedAt,
      },
      actor,
    );
    return { assistanceId, state };
  }

  /** An organisation closes the referral it holds; a case worker any referral in their region (the decider's to say). */
  async close(referralId: string, request: CloseReferralRequest, actor: AuthenticatedActor): Promise<ReferralState> {
    const byOrganisation = actor.role === 'charity-organisation';
    const command: ReferralCommand = {
      type: 'CloseReferral',
      referralId,
      outcome: request.outcome,
      summary: request.summary,
      ...(byOrganisation ? { organisationId: actor.userId } : {}),
      closedBy: actorOf(actor),
      closedAt: this.now(),
    };
    return this.execute(referralId, command, actor);
  }

  /** A case worker offers again, e.g. after every organisation declined and a new one registered; only in their region (the decider's to say). */
  async offer(referralId: string, organisationId: string | undefined, actor: AuthenticatedActor): Promise<ReferralState> {
    const offeredAt = this.now();
    return this.execute(
      referralId,
      async (state) => ({
        type: 'OfferReferral',
        referralId,
        ...(organisationId ? { organisationId } : {}),
        ...(await this.termsFor(state)),
        offeredBy: actorOf(actor),
        offeredAt,
      }),
      actor,
    );
  }

  /**
   * The service offers a referral nobody took to the organisations now registered; the newcomer is
   * passed in because the registry read model may not show it yet.
   */
  async offerToNewcomer(referralId: string, region: string, newcomer: CharityOrganisation): Promise<ReferralState> {
    const actor = serviceActor(region);
    const { organisations, responseWindowHours } = await this.terms(region);
    const command: ReferralCommand = {
      type: 'OfferReferral',
      referralId,
      trigger: 'organisation-registered',
      organisations: [...organisations.filter((o) => o.organisationId !== newcomer.organisationId), newcomer],
      responseWindowHours,
      offeredBy: actor,
      offeredAt: this.now(),
    };
    return (await executeCommand(this.store, referralStream(referralId), referralDecider, command, { actor, correlationId: referralId })).state;
  }

  /** The scheduler's move-on of an unanswered offer; `now` is the job's clock reading. */
  async timeOut(referralId: string, region: string, now: Date): Promise<ReferralState> {
    const actor = serviceActor(region);
    const command: ReferralCommand = { type: 'TimeOutOffer', referralId, ...(await this.terms(region)), now: now.toISOString(), timedOutBy: actor };
    return (await executeCommand(this.store, referralStream(referralId), referralDecider, command, { actor, correlationId: referralId })).state;
  }

  async load(referralId: string): Promise<LoadedReferral> {
    const { state, history } = await loadAggregate(this.store, referralStream(referralId), referralDecider);
    return { state, history };
  }

  /** One read of the referral's stream: the command is built from the state it folds to, then decided on it. */
  private async execute(referralId: string, command: CommandFor<ReferralCommand, ReferralState>, actor: AuthenticatedActor): Promise<ReferralState> {
    return (await executeCommand(this.store, referralStream(referralId), referralDecider, command, userContext(actor, referralId))).state;
  }

  /** The terms of the next offer in the referral's region; a referral that does not exist gets none, and the decider answers REFERRAL_NOT_FOUND. */
  private async termsFor(state: ReferralState): Promise<OfferTerms> {
    return state.status === 'not-opened'
      ? { organisations: [], responseWindowHours: this.config.REFERRAL_RESPONSE_WINDOW_HOURS }
      : this.terms(state.referral.region);
  }

  private async terms(region: string): Promise<OfferTerms> {
    return { organisations: await this.registry.candidatesFor(region), responseWindowHours: this.config.REFERRAL_RESPONSE_WINDOW_HOURS };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** The API's kinds in the domain's words: a service visit is one volunteer service (志愿服务) of a kind. */
function assistanceOf(request: RecordAssistanceRequest): Assistance {
  switch (request.kind) {
    case 'money':
      return { kind: 'money', amountFen: request.amountFen, description: request.description ?? '慈善资金帮扶 (money)' };
    case 'goods':
      return { kind: 'goods', valueFen: request.valueFen, description: request.description };
    case 'service-visit':
      return { kind: 'volunteer-service', service: request.serviceKind, description: request.description ?? `志愿服务上门 (${request.serviceKind})` };
  }
}
