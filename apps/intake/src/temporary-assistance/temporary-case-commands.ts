/** The thin command side of temporary cases at intake: build the command, execute it on the case's stream. */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { fen, type Actor } from '@sa/domain-shared';
import { temporaryCaseDecider, type TemporaryCaseCommand, type TemporaryCaseState } from '@sa/domain-temporary-assistance';
import type { EventStore } from '@sa/event-store';
import { assertJurisdiction, type AuthenticatedActor, Clock, EVENT_STORE, executeCommand, loadAggregate } from '@sa/platform';
import type { ApplyForTemporaryAssistanceRequest } from './requests';

export const temporaryCaseStream = (caseId: string) => `temporary-assistance-${caseId}`;

const actorOf = (a: Actor): Actor => ({ userId: a.userId, role: a.role, orgUnit: a.orgUnit });

@Injectable()
export class TemporaryCaseCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /** Taken by a worker whose jurisdiction covers the place of emergency, whatever the person's hukou. */
  async apply(
    request: ApplyForTemporaryAssistanceRequest,
    actor: AuthenticatedActor,
    correlationId?: string,
  ): Promise<{ caseId: string; state: TemporaryCaseState }> {
    assertJurisdiction(actor, request.emergencyLocation);
    const caseId = request.caseId ?? randomUUID();
    const { caseId: _id, amountAskedFen, leadId, ...rest } = request;
    const command: TemporaryCaseCommand = {
      type: 'ApplyForTemporaryAssistance',
      ...rest,
      caseId,
      amountAskedFen: fen(amountAskedFen),
      ...(leadId === undefined ? {} : { leadId }),
      appliedBy: actorOf(actor),
      appliedAt: this.clock.now().toISOString(),
    } as TemporaryCaseCommand;
    const outcome = await executeCommand(this.store, temporaryCaseStream(caseId), temporaryCaseDecider, command, this.context(actor, correlationId ?? caseId), {
      expectNewStream: true,
    });
    return { caseId, state: outcome.state };
  }

  async execute(
    caseId: string,
    command: TemporaryCaseCommand,
    actor: Actor,
    extra: { causationId?: string; idempotencyKey?: string; handledMessage?: never } = {},
  ) {
    return (await executeCommand(this.store, temporaryCaseStream(caseId), temporaryCaseDecider, command, { ...this.context(actor, caseId), ...extra })).state;
  }

  async documentsReceived(caseId: string, documents: string[], actor: AuthenticatedActor): Promise<TemporaryCaseState> {
    await this.assertCanSee(caseId, actor);
    return this.execute(
      caseId,
      { type: 'RecordDocumentsReceived', caseId, documents, receivedBy: actorOf(actor), receivedAt: this.clock.now().toISOString() },
      actor,
    );
  }

  async load(caseId: string): Promise<TemporaryCaseState> {
    return (await loadAggregate(this.store, temporaryCaseStream(caseId), temporaryCaseDecider)).state;
  }

  async assertCanSee(caseId: string, actor: AuthenticatedActor): Promise<TemporaryCaseState> {
    const state = await this.load(caseId);
    if (state.status === 'open') assertJurisdiction(actor, state.facts.emergencyLocation);
    return state;
  }

  private context(actor: Actor, correlationId: string) {
    return { actor: actorOf(actor), correlationId };
  }
}
