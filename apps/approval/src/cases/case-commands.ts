/**
 * The thin command side of approval: build the decider command with the time from the service Clock
 * and the values of the regional policy in force for the case's region (from the state the one read
 * of the case's stream gives), execute it on that stream. Every rule of the order 审核 → 公示 → 确认
 * is the Case decider's, and so are who may act and where: a case that is not open answers 404,
 * an actor outside its region 403, as the decider refuses.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { caseDecider, type CaseCommand, type CaseState, type Reason } from '@sa/domain-approval';
import { type Actor, chinaDate, type RegionalPolicy } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import { type AuthenticatedActor, Clock, type CommandFor, EVENT_STORE, executeCommand, RegionalPolicies } from '@sa/platform';
import { caseStream } from './case-stream';
import type { ConfirmationRequest, HomeVisitRequest, LodgeObjectionRequest, PublicNoticeRequest, ResolveObjectionRequest, ReviewRequest } from './requests';

const domainActor = (actor: AuthenticatedActor): Actor => ({ userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit });

@Injectable()
export class CaseCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly policies: RegionalPolicies,
  ) {}

  async review(applicationId: string, body: ReviewRequest, actor: AuthenticatedActor): Promise<CaseState> {
    const { recommendation, reasons } = body;
    return this.execute(applicationId, actor, {
      type: 'CompleteTownshipReview',
      applicationId,
      recommendation,
      reasons,
      reviewedBy: domainActor(actor),
      reviewedAt: this.now(),
    });
  }

  /** 公示 for the number of days the region's policy sets (the decider's default, 7, without one). */
  async postPublicNotice(applicationId: string, body: PublicNoticeRequest, actor: AuthenticatedActor): Promise<CaseState> {
    const postedAt = this.now();
    return this.execute(applicationId, actor, (state) => {
      const noticeDays = this.policyFor(state, chinaDate(postedAt))?.publicNoticeDays;
      return {
        type: 'PostPublicNotice',
        applicationId,
        startsOn: body.startsOn ?? chinaDate(postedAt),
        ...(noticeDays === undefined ? {} : { noticeDays }),
        postedBy: domainActor(actor),
        postedAt,
      };
    });
  }

  async lodgeObjection(applicationId: string, body: LodgeObjectionRequest, actor: AuthenticatedActor): Promise<{ objectionId: string; state: CaseState }> {
    const objectionId = randomUUID();
    const state = await this.execute(applicationId, actor, {
      type: 'LodgeObjection',
      applicationId,
      objectionId,
      summary: body.summary,
      lodgedAt: this.now(),
      recordedBy: domainActor(actor),
    });
    return { objectionId, state };
  }

  async resolveObjection(applicationId: string, objectionId: string, body: ResolveObjectionRequest, actor: AuthenticatedActor): Promise<CaseState> {
    return this.execute(applicationId, actor, {
      type: 'ResolveObjection',
      applicationId,
      objectionId,
      outcome: body.sustained ? 'sustained' : 'dismissed',
      explanation: body.note,
      resolvedBy: domainActor(actor),
      resolvedAt: this.now(),
    });
  }

  async recordHomeVisit(applicationId: string, body: HomeVisitRequest, actor: AuthenticatedActor): Promise<CaseState> {
    const recordedAt = this.now();
    return this.execute(applicationId, actor, {
      type: 'RecordCountyHomeVisit',
      applicationId,
      visitedOn: body.visitedOn ?? chinaDate(recordedAt),
      findings: body.findings,
      visitedBy: domainActor(actor),
      recordedAt,
    });
  }

  /** 确认: "today" is the service Clock's day in China, so the decider can tell whether the notice has ended. */
  async confirm(applicationId: string, body: ConfirmationRequest, actor: AuthenticatedActor): Promise<CaseState> {
    const confirmedAt = this.now();
    const today = chinaDate(confirmedAt);
    return this.execute(applicationId, actor, (state) => ({
      type: 'ApproveCase',
      applicationId,
      today,
      confirmedBy: domainActor(actor),
      confirmedAt,
      confirmationDelegatedToTownship: this.policyFor(state, today)?.confirmationDelegatedToTownship ?? false,
      stillInHardship: body.stillInHardship,
    }));
  }

  async reject(applicationId: string, reasons: readonly Reason[] | undefined, actor: AuthenticatedActor): Promise<CaseState> {
    const rejectedAt = this.now();
    const today = chinaDate(rejectedAt);
    return this.execute(applicationId, actor, (state) => ({
      type: 'RejectCase',
      applicationId,
      ...(reasons === undefined ? {} : { reasons }),
      today,
      rejectedBy: domainActor(actor),
      rejectedAt,
      confirmationDelegatedToTownship: this.policyFor(state, today)?.confirmationDelegatedToTownship ?? false,
    }));
  }

  /** One read of the case's stream, the decision on it, one append; a refusal answers by its kind. */
  private async execute(applicationId: string, actor: AuthenticatedActor, command: CommandFor<CaseCommand, CaseState>): Promise<CaseState> {
    const context = { actor: domainActor(actor), correlationId: applicationId };
    return (await executeCommand(this.store, caseStream(applicationId), caseDecider, command, context)).state;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** The policy in force in the case's region; no case yet, or none configured for the region, leaves the decider's defaults. */
  private policyFor(state: CaseState, day: string): RegionalPolicy | undefined {
    if (state.phase === 'not-opened') return undefined;
    try {
      return this.policies.inForce(state.facts.region, day);
    } catch {
      return undefined;
    }
  }
}
