/**
 * 单人保 cases follow their household's checks. Like a projection, it follows approval's own event
 * store from a checkpoint: when a household case opens on, or records, a check that covers a member
 * alone (or no longer does), the member's own case is opened or given that check
 * (singlePersonCaseCommand); when the household's application is withdrawn, so is the member's
 * undecided case (singlePersonWithdrawal). At least once and idempotent: event ids derive from the household
 * event's id, and a step already taken is refused as a conflict and skipped, so a restart, a replay
 * or a second replica changes nothing twice.
 */
import { Inject, Injectable } from '@nestjs/common';
import { caseDecider, type CaseEvent, type OpenedCase, singlePersonCaseCommand, singlePersonMembersOf, singlePersonWithdrawal } from '@sa/domain-approval';
import type { EventStore, RecordedEvent } from '@sa/event-store';
import { Clock, CommandRejectedError, EVENT_STORE, executeCommand, loadAggregate, LOGGER, type Logger, ProjectionRunner } from '@sa/platform';
import { caseStream } from './case-stream';
import { approvalSystemActor } from './inbound-commands';
import { singlePersonCaseId } from './single-person-case-id';

export const singlePersonCasesProjection = 'single-person-cases';

@Injectable()
export class SinglePersonCases {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    projections: ProjectionRunner,
  ) {
    projections.register({
      name: singlePersonCasesProjection,
      filter: { streamPrefixes: ['case-'], eventTypes: ['CaseOpened', 'EconomicCheckRecorded', 'CaseWithdrawn'] },
      collections: [],
      apply: (e) => this.apply(e),
    });
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as CaseEvent;
    // Most cases open without 单人保 and are never read again here.
    if (event.type === 'CaseOpened' && (event.data.singlePersonOf || !event.data.check.singlePersonCoverage?.length)) return;
    const household = await loadAggregate(this.store, recorded.stream, caseDecider);
    const members = singlePersonMembersOf(household.state);
    if (members.length === 0) return;
    for (const memberId of members) await this.follow(household.state as OpenedCase, memberId, event, recorded);
  }

  private async follow(household: OpenedCase, memberId: string, event: CaseEvent, cause: RecordedEvent): Promise<void> {
    const caseId = singlePersonCaseId(household.facts.applicationId, memberId);
    const stream = caseStream(caseId);
    const member = await loadAggregate(this.store, stream, caseDecider);
    const command =
      event.type === 'CaseWithdrawn'
        ? singlePersonWithdrawal(member.state, caseId, event.data)
        : singlePersonCaseCommand(household, memberId, caseId, member.state, this.clock.now().toISOString());
    if (!command) return;
    const context = {
      actor: approvalSystemActor(household.facts.region),
      correlationId: cause.correlationId,
      causationId: cause.eventId,
      idempotencyKey: cause.eventId,
    };
    try {
      await executeCommand(this.store, stream, caseDecider, command, context, { from: { state: member.state, revision: member.revision } });
      this.logger.info({ applicationId: household.facts.applicationId, caseId, step: command.type }, 'single-person case (单人保) follows its household check');
    } catch (error) {
      if (!(error instanceof CommandRejectedError)) throw error;
      // Done meanwhile (a replica, a replay): nothing more. Anything else can never succeed on a retry.
      if (error.rejection.kind === 'conflict') return;
      this.logger.error({ applicationId: household.facts.applicationId, caseId, code: error.rejection.code }, 'single-person case refused');
    }
  }
}
