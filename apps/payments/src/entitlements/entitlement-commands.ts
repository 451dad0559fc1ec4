/**
 * The thin command side of entitlements: load the entitlement's stream, let the decider decide,
 * append. Outcomes that mean "already done" (a second approval message, a death already recorded)
 * are answered as such instead of as errors, so redeliveries and replays stay harmless.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  entitlementDecider,
  type EntitlementCommand,
  type EntitlementState,
  type GrantEntitlement,
  type GrantedEntitlement,
  type PaymentsRejectionCode,
  type RecordPaymentIssued,
  type RefuseEntitlement,
} from '@sa/domain-payments';
import type { Actor } from '@sa/domain-shared';
import type { EventStore, RecordedEvent } from '@sa/event-store';
import { CommandRejectedError, type CommandContext, EVENT_STORE, executeCommand, loadAggregate } from '@sa/platform';
import { entitlementStream } from '../streams';

export interface DeathReport {
  readonly entitlementId: string;
  readonly memberId?: string;
  readonly dateOfDeath: string;
  readonly reportedBy: Actor;
  readonly reportedAt: string;
}

/** Refused with one of these declared codes: the explicit "already done" of a command whose kind says more than one thing. */
const rejectedWith = (error: unknown, ...codes: readonly PaymentsRejectionCode[]) =>
  error instanceof CommandRejectedError && (codes as readonly string[]).includes(error.rejection.code);

@Injectable()
export class EntitlementCommands {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async grant(command: GrantEntitlement, context: CommandContext): Promise<'granted' | 'already-granted'> {
    try {
      await this.executeOn(command.entitlementId, command, context);
      return 'granted';
    } catch (error) {
      if (rejectedWith(error, 'ENTITLEMENT_ALREADY_GRANTED')) return 'already-granted';
      throw error;
    }
  }

  /** Idempotent: a refusal already recorded appends nothing. */
  async refuse(command: RefuseEntitlement, context: CommandContext): Promise<void> {
    await this.executeOn(command.entitlementId, command, context);
  }

  async reportDeath(report: DeathReport, context: CommandContext): Promise<'reported' | 'already-reported'> {
    const { entitlementId, dateOfDeath, reportedBy, reportedAt } = report;
    const command: EntitlementCommand = {
      type: 'ReportDeath',
      entitlementId,
      ...(report.memberId ? { memberId: report.memberId } : {}),
      dateOfDeath,
      reportedBy,
      reportedAt,
    };
    try {
      await this.executeOn(entitlementId, command, context);
      return 'reported';
    } catch (error) {
      if (rejectedWith(error, 'DEATH_ALREADY_REPORTED')) return 'already-reported';
      throw error;
    }
  }

  /** Idempotent by instruction id in the decider: recording the same payment twice appends nothing. Answers where it was appended, if it was. */
  async recordPaymentIssued(command: RecordPaymentIssued, context: CommandContext): Promise<number | undefined> {
    const outcome = await this.executeOn(command.entitlementId, command, context);
    return outcome.append && outcome.append.appended > 0 ? outcome.append.position : undefined;
  }

  /** A command another context decided (a review's outcome): refusals propagate for the caller to judge. */
  async execute(command: EntitlementCommand, context: CommandContext): Promise<void> {
    await this.executeOn(command.entitlementId, command, context);
  }

  /** The entitlement as its events say now (not the read model), with its history. */
  async load(entitlementId: string): Promise<{ state: EntitlementState; history: RecordedEvent[] }> {
    const { state, history } = await loadAggregate(this.store, entitlementStream(entitlementId), entitlementDecider);
    return { state, history };
  }

  async loadGranted(entitlementId: string): Promise<GrantedEntitlement | undefined> {
    const { state } = await this.load(entitlementId);
    return state.status === 'granted' ? state : undefined;
  }

  private executeOn(entitlementId: string, command: EntitlementCommand, context: CommandContext) {
    return executeCommand(this.store, entitlementStream(entitlementId), entitlementDecider, command, context);
  }
}
