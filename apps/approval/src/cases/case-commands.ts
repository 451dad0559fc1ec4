/**
 * The thin command side of approval: check the caller may see the case, build the decider command
 * with the time from the service Clock and the values of the regional policy in force, execute it
 * on the case's stream. Every rule of the order 审核 → 公示 → 确认 is the Case decider's.
 */
import { randomUUID } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { caseDecider, type CaseCommand, type CaseState, type OpenedCase, type Reason } from '@sa/domain-approval';
import { type Actor, chinaDate, type RegionalPolicy, type Rejection } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import {
  assertJurisdiction,
  type AuthenticatedActor,
  Clock,
  CommandRejectedError,
  EVENT_STORE,
  executeCommand,
  loadAggregate,
  RegionalPolicies,
} from '@sa/platform';
import { caseStream } from './case-stream';
import type { ConfirmationRequest, HomeVisitRequest, LodgeObjectionRequest, PublicNoticeRequest, ResolveObjectionRequest, ReviewRequest } from './requests';

/** Refusals about the state of the case (a step already taken) are conflicts; rule breaches are 422. */
function statusFor(rejection: Rejection): 404 | 409 | 422 {
  if (rejection.code.endsWith('NOT_FOUND')) return 404;
  return rejection.code.includes('ALREADY') ? 409 : 422;
}

/** Who may act at all: answered 403 like the role guard does, but with the decider's code and field. */
const forbiddenCodes = new Set(['ROLE_NOT_ALLOWED', 'ORG_UNIT_LEVEL_NOT_ALLOWED', 'OUTSIDE_JURISDICTION']);

function asForbidden(error: unknown): unknown {
  if (!(error instanceof CommandRejectedError) || !forbiddenCodes.has(error.rejection.code)) return error;
  const { code, message, field } = error.rejection;
  return new ForbiddenException({ statusCode: 403, error: code, code, message: field ? `${field}: ${message}` : message, ...(field ? { field } : {}) });
}

const domainActor = (actor: AuthenticatedActor): Actor => ({ userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit });

@Injectable()
export class CaseCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly policies: RegionalPolicies,
  ) {}

  async review(applicationId: string, body: ReviewRequest, actor: AuthenticatedActor): Promise<CaseState> {
    await this.openCaseFor(applicationId, actor);
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
    const current = await this.openCaseFor(applicationId, actor);
    const postedAt = this.now();
    const noticeDays = this.policyFor(current.facts.region, chinaDate(postedAt))?.publicNoticeDays;
    return this.execute(applicationId, actor, {
      type: 'PostPublicNotice',
      applicationId,
      startsOn: body.startsOn ?? chinaDate(postedAt),
      ...(noticeDays === undefined ? {} : { noticeDays }),
      postedBy: domainActor(actor),
      postedAt,
    });
  }

  async lodgeObjection(applicationId: string, body: LodgeObjectionRequest, actor: AuthenticatedActor): Promise<{ objectionId: string; state: CaseState }> {
    await this.openCaseFor(applicationId, actor);
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
    await this.openCaseFor(applicationId, actor);
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
    await this.openCaseFor(applicationId, actor);
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
    const current = await this.openCaseFor(applicationId, actor);
    const confirmedAt = this.now();
    const today = chinaDate(confirmedAt);
    return this.execute(applicationId, actor, {
      type: 'ApproveCase',
      applicationId,
      today,
      confirmedBy: domainActor(actor),
      confirmedAt,
      confirmationDelegatedToTownship: this.policyFor(current.facts.region, today)?.confirmationDelegatedToTownship ?? false,
      stillInHardship: body.stillInHardship,
    });
  }

  async reject(applicationId: string, reasons: readonly Reason[] | undefined, actor: AuthenticatedActor): Promise<CaseState> {
    const current = await this.openCaseFor(applicationId, actor);
    const rejectedAt = this.now();
    const today = chinaDate(rejectedAt);
    return this.execute(applicationId, actor, {
      type: 'RejectCase',
      applicationId,
      ...(reasons === undefined ? {} : { reasons }),
      today,
      rejectedBy: domainActor(actor),
      rejectedAt,
      confirmationDelegatedToTownship: this.policyFor(current.facts.region, today)?.confirmationDelegatedToTownship ?? false,
    });
  }

  /** The open case, once the caller is known to be within its region (403 otherwise, 404 when there is none). */
  async openCaseFor(applicationId: string, actor: AuthenticatedActor): Promise<OpenedCase> {
    const { state } = await loadAggregate(this.store, caseStream(applicationId), caseDecider);
    if (state.phase === 'not-opened')
      throw new NotFoundException({
        statusCode: 404,
        error: 'CASE_NOT_FOUND',
        code: 'CASE_NOT_FOUND',
        message: `no case is open for application ${applicationId}`,
      });
    assertJurisdiction(actor, state.facts.region);
    return state;
  }

  private async execute(applicationId: string, actor: AuthenticatedActor, command: CaseCommand): Promise<CaseState> {
    const context = { actor: domainActor(actor), correlationId: applicationId };
    try {
      return (await executeCommand(this.store, caseStream(applicationId), caseDecider, command, context, { statusFor })).state;
    } catch (error) {
      throw asForbidden(error);
    }
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** The policy in force; none configured for the region leaves the decider's defaults. */
  private policyFor(region: string, day: string): RegionalPolicy | undefined {
    try {
      return this.policies.inForce(region, day);
    } catch {
      return undefined;
    }
  }
}
