/** The thin command side of the tiered decision: the policy in force, the household's year so far, the decider. */
import { Inject, Injectable } from '@nestjs/common';
import { chinaDate, fen, type Actor } from '@sa/domain-shared';
import { temporaryDecisionDecider, type PaymentStage, type TemporaryDecisionState } from '@sa/domain-temporary-assistance';
import type { EventStore } from '@sa/event-store';
import {
  assertJurisdiction,
  type AuthenticatedActor,
  Clock,
  EVENT_STORE,
  executeCommand,
  loadAggregate,
  TemporaryAssistancePolicies,
  temporaryAssistancePolicyOrRefuse,
} from '@sa/platform';
import { NotFoundException } from '@nestjs/common';
import { TemporaryApprovalsReadModel } from './temporary-approvals-read-model';

export const temporaryDecisionStream = (caseId: string) => `temporary-decision-${caseId}`;

const actorOf = (a: Actor): Actor => ({ userId: a.userId, role: a.role, orgUnit: a.orgUnit });

@Injectable()
export class TemporaryDecisionCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly policies: TemporaryAssistancePolicies,
    private readonly approvals: TemporaryApprovalsReadModel,
  ) {}

  async approve(
    caseId: string,
    body: { totalFen: number; stages: PaymentStage[]; reasons: string; stillInHardship?: boolean | undefined },
    actor: AuthenticatedActor,
  ): Promise<TemporaryDecisionState> {
    const { state, revision } = await this.loadVisible(caseId, actor);
    if (state.status === 'not-opened') throw new NotFoundException(`temporary-assistance case ${caseId} has not reached approval`);
    const now = this.clock.now().toISOString();
    const policy = temporaryAssistancePolicyOrRefuse(this.policies, state.facts.township, now);
    const householdApprovedThisYearFen = fen(await this.approvals.approvedInYear(state.facts.householdKey, chinaDate(now).slice(0, 4), caseId));
    const command = {
      type: 'ApproveTemporaryAssistance' as const,
      caseId,
      totalFen: fen(body.totalFen),
      stages: body.stages.map((s) => ({ dueDate: s.dueDate, amountFen: fen(s.amountFen) })),
      reasons: body.reasons,
      stillInHardship: body.stillInHardship ?? false,
      decidedBy: actorOf(actor),
      decidedAt: now,
      policy,
      householdApprovedThisYearFen,
    };
    return (
      await executeCommand(this.store, temporaryDecisionStream(caseId), temporaryDecisionDecider, command, this.context(actor, caseId), {
        from: { state, revision },
      })
    ).state;
  }

  async reject(caseId: string, reasons: string, actor: AuthenticatedActor): Promise<TemporaryDecisionState> {
    await this.loadVisible(caseId, actor);
    const command = { type: 'RejectTemporaryAssistance' as const, caseId, reasons, decidedBy: actorOf(actor), decidedAt: this.clock.now().toISOString() };
    return (await executeCommand(this.store, temporaryDecisionStream(caseId), temporaryDecisionDecider, command, this.context(actor, caseId))).state;
  }

  /** The decision as its events say now; outside the caller's jurisdiction, 403. */
  async loadVisible(caseId: string, actor: AuthenticatedActor) {
    const loaded = await loadAggregate(this.store, temporaryDecisionStream(caseId), temporaryDecisionDecider);
    if (loaded.state.status !== 'not-opened') assertJurisdiction(actor, loaded.state.facts.emergencyLocation);
    return loaded;
  }

  private context(actor: Actor, correlationId: string) {
    return { actor: actorOf(actor), correlationId };
  }
}
