/**
 * The thin command side of intake: turn a validated request into a decider command, reserve the
 * residents it names, execute it against the application's stream, release on failure.
 */
import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { applicationDecider, type ApplicationCommand, type ApplicationState, type HouseholdMember } from '@sa/domain-intake';
import { maskResidentId } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import { assertJurisdiction, type AuthenticatedActor, Clock, type CommandContext, EVENT_STORE, executeCommand, loadAggregate } from '@sa/platform';
import type { AmendApplicationRequest, SubmitApplicationRequest } from './requests';
import { type Holding, ResidentReservations } from './resident-reservations';

export const applicationStream = (applicationId: string) => `application-${applicationId}`;

type MemberRequest = Omit<HouseholdMember, 'memberId'> & { memberId?: string | undefined };

function withMemberIds(members: readonly MemberRequest[]): HouseholdMember[] {
  return members.map((m) => ({ ...m, memberId: m.memberId ?? randomUUID(), residentId: m.residentId.toUpperCase() }));
}

@Injectable()
export class ApplicationCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reservations: ResidentReservations,
    private readonly clock: Clock,
  ) {}

  async submit(
    request: SubmitApplicationRequest,
    actor: AuthenticatedActor,
    correlationId?: string,
  ): Promise<{ applicationId: string; state: ApplicationState }> {
    assertJurisdiction(actor, request.region);
    const applicationId = request.applicationId ?? randomUUID();
    const members = withMemberIds(request.household.members);
    const reserved = await this.reserveOrRefuse(
      applicationId,
      members.map((m) => m.residentId),
    );
    const command: ApplicationCommand = {
      type: 'SubmitApplication',
      applicationId,
      programme: request.programme,
      region: request.region,
      applicationLocation: request.applicationLocation,
      channel: request.channel,
      household: { ...request.household, members },
      consents: request.consents,
      nearRelative: request.nearRelative as never,
      submittedBy: actor,
      submittedAt: this.clock.now().toISOString(),
    };
    try {
      // A new application's stream does not exist yet (a client-chosen id that does is refused by the decider on the retry).
      const outcome = await executeCommand(
        this.store,
        applicationStream(applicationId),
        applicationDecider,
        command,
        this.context(actor, correlationId ?? applicationId),
        { expectNewStream: true },
      );
      return { applicationId, state: outcome.state };
    } catch (error) {
      // Only what this request reserved: a repeated submission of an application already taken must not free its residents.
      await this.reservations.release(applicationId, reserved).catch(() => undefined);
      throw error;
    }
  }

  /** Who may amend (the actor's region) is the decider's to say, on the one read of the stream. */
  async amend(applicationId: string, request: AmendApplicationRequest, actor: AuthenticatedActor): Promise<ApplicationState> {
    const members = request.changes.members ? withMemberIds(request.changes.members) : undefined;
    const residentIds = members?.map((m) => m.residentId);
    const reserved = residentIds ? await this.reserveOrRefuse(applicationId, residentIds) : [];
    const { members: _ignored, ...rest } = request.changes;
    const command: ApplicationCommand = {
      type: 'AmendApplication',
      applicationId,
      changes: { ...rest, ...(members ? { members } : {}) } as never,
      reason: request.reason,
      amendedBy: actor,
      amendedAt: this.clock.now().toISOString(),
    };
    try {
      const { state } = await executeCommand(this.store, applicationStream(applicationId), applicationDecider, command, this.context(actor, applicationId));
      // Residents the amendment took out of the household may apply elsewhere.
      if (residentIds) await this.reservations.releaseAllBut(applicationId, residentIds);
      return state;
    } catch (error) {
      // A refused amendment (say, of a closed application) must not keep the residents it newly reserved.
      await this.reservations.release(applicationId, reserved).catch(() => undefined);
      throw error;
    }
  }

  async withdraw(applicationId: string, reason: string, actor: AuthenticatedActor): Promise<ApplicationState> {
    const command: ApplicationCommand = { type: 'WithdrawApplication', applicationId, reason, withdrawnBy: actor, withdrawnAt: this.clock.now().toISOString() };
    return (await executeCommand(this.store, applicationStream(applicationId), applicationDecider, command, this.context(actor, applicationId))).state;
  }

  /** The aggregate's own state, folded from its events (always current, unlike the read model). */
  async load(applicationId: string): Promise<ApplicationState> {
    return (await loadAggregate(this.store, applicationStream(applicationId), applicationDecider)).state;
  }

  async assertCanSee(applicationId: string, actor: AuthenticatedActor): Promise<ApplicationState> {
    const state = await this.load(applicationId);
    if (state.status !== 'not-submitted') assertJurisdiction(actor, state.application.region);
    return state;
  }

  /** Reserves the residents or answers 409 naming the first one held (masked) and the case holding them. Returns those newly reserved. */
  private async reserveOrRefuse(applicationId: string, residentIds: string[]): Promise<string[]> {
    const { taken, reserved } = await this.reservations.reserve(applicationId, residentIds);
    const first = taken[0];
    if (first) throw conflictFor(first, residentIds.indexOf(first.residentId));
    return reserved;
  }

  private context(actor: AuthenticatedActor, correlationId: string): CommandContext {
    return { actor: { userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit }, correlationId };
  }
}

function conflictFor(holding: Holding, index: number): ConflictException {
  const field = `household.members.${index}.residentId`;
  const resident = maskResidentId(holding.residentId);
  const onBenefit = holding.stage === 'benefit';
  const code = onBenefit ? 'RESIDENT_ALREADY_ON_BENEFIT' : 'RESIDENT_ALREADY_IN_ACTIVE_APPLICATION';
  const rule = onBenefit
    ? `is already on benefit under case ${holding.applicationId}; one person, one live benefit (一人一保): a new application is possible once that benefit ends`
    : `is already in active application ${holding.applicationId}; that one must be decided or withdrawn first`;
  return new ConflictException({
    statusCode: 409,
    error: code,
    code,
    field,
    member: { index, residentIdMasked: resident },
    heldBy: { applicationId: holding.applicationId, stage: holding.stage },
    message: `${field}: resident ${resident} ${rule}`,
  });
}
