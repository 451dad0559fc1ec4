/**
 * The resident register (部门数据): one event stream per resident, `resident-<residentId>`, holding
 * every county fact about that person in the order it arrived. A check reads its members' streams
 * when it collects department data, so it always sees everything filed before that moment, and an
 * auditor can replay exactly what the platform knew about a person and when. (Resident IDs in
 * stream names never reach logs: both loggers mask them wherever they appear.)
 */
import { Inject, Injectable } from '@nestjs/common';
import { fold, type ResidentId } from '@sa/domain-shared';
import { residentRecordsDecider, type CountyFact, type ResidentRecords } from '@sa/domain-verification';
import type { EventStore, RecordedEvent } from '@sa/event-store';
import { type CommandContext, EVENT_STORE, executeCommand, loadAggregate } from '@sa/platform';

export const residentStream = (residentId: string) => `resident-${residentId}`;

/** What a resident's stream holds, as the register's decider folds it. */
type RegisterEvent = Parameters<ReturnType<typeof residentRecordsDecider>['evolve']>[1];

@Injectable()
export class ResidentRegister {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Files a county fact in its resident's stream; false when the message was already filed (a redelivery). */
  async file(fact: CountyFact, context: CommandContext): Promise<boolean> {
    const id = fact.data.residentId;
    const outcome = await executeCommand(this.store, residentStream(id), residentRecordsDecider(id), { type: 'RecordCountyFact', fact }, context);
    return outcome.events.length > 0;
  }

  /** The records of each resident as the register holds them now (empty for someone nobody reported on). */
  async recordsOf(residentIds: readonly ResidentId[]): Promise<ResidentRecords[]> {
    // The household's streams in one read (one round trip per check, not one per member).
    const streams = await this.store.readStreams(residentIds.map(residentStream));
    return residentIds.map((id) =>
      fold(
        residentRecordsDecider(id),
        (streams.get(residentStream(id)) ?? []).map((e) => ({ type: e.type, data: e.data }) as RegisterEvent),
      ),
    );
  }

  /** A resident's records and the stored facts they were folded from. */
  async history(residentId: ResidentId): Promise<{ records: ResidentRecords; facts: RecordedEvent[] }> {
    const { state, history } = await loadAggregate(this.store, residentStream(residentId), residentRecordsDecider(residentId));
    return { records: state, facts: history };
  }
}
