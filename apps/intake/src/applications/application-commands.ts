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
import { ResidentReservations } from './resident-reservations';

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
    await this.reserveOrRefuse(
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
      await this.reservations
        .release(
          applicationId,
          members.map((m) => m.residentId),
        )
        .catch(() => undefined);
      throw error;
    }
  }

  async amend(applicationId: string, request: AmendApplicationRequest, actor: AuthenticatedActor): Promise<ApplicationState> {
    await this.assertCanSee(applicationId, actor);
    const members = request.changes.members ? withMemberIds(request.changes.members) : undefined;
    if (members)
      await this.reserveOrRefuse(
        applicationId,
        members.map((m) => m.residentId),
      );
    const { members: _ignored, ...rest } = request.changes;
    const command: ApplicationCommand = {
      type: 'AmendApplication',
      applicationId,
      changes: { ...rest, ...(members ? { members } : {}) } as never,
      reason: request.reason,
      amendedBy: actor,
      amendedAt: this.clock.now().toISOString(),
    };
    return (await executeCommand(this.store, applicationStream(applicationId), applicationDecider, command, this.context(actor, applicationId))).state;
  }

  async withdraw(applicationId: string, reason: string, actor: AuthenticatedActor): Promise<ApplicationState> {
    await this.assertCanSee(applicationId, actor);
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

  private async reserveOrRefuse(applicationId: string, residentIds: string[]): Promise<void> {
    const taken = await this.reservations.reserve(applicationId, residentIds);
    if (taken.length > 0) {
      const index = residentIds.indexOf(taken[0] as string);
      throw new ConflictException({
        statusCode: 409,
        error: 'RESIDENT_ALREADY_IN_ACTIVE_APPLICATION',
        code: 'RESIDENT_ALREADY_IN_ACTIVE_APPLICATION',
        field: `household.members.${index}.residentId`,
        message: `household.members.${index}.residentId: resident ${maskResidentId(taken[0] as string)} is already in another active application; that one must be decided or withdrawn first`,
      });
    }
  }

  private context(actor: AuthenticatedActor, correlationId: string): CommandContext {
    return { actor: { userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit }, correlationId };
  }
}
