/**
 * One resident's register stream as an aggregate: a county message becomes a fact of that
 * resident's records, once. A redelivered message (same type and message id) is accepted with no
 * new event, so a county resending is always harmless; a fact about someone else is refused,
 * because a stream holds one resident's department data and nobody else's.
 */
import { accept, type Decider, type Decision, type ResidentId } from '@sa/domain-shared';
import { refuse } from '../rejections';
import type { CountyFact } from './county-facts';
import { emptyResidentRecords, evolveResidentRecords, hasSeen, type ResidentRecords } from './resident-records';

/** File a county department's message in the resident's records (部门数据归集). */
export interface RecordCountyFact {
  readonly type: 'RecordCountyFact';
  readonly fact: CountyFact;
}

export function decideCountyFact(command: RecordCountyFact, records: ResidentRecords): Decision<CountyFact> {
  const { fact } = command;
  if (fact.data.residentId !== records.residentId) {
    return refuse('RESIDENT_MISMATCH', 'the fact is about another resident than this register stream', 'residentId');
  }
  if (hasSeen(records, fact)) return accept();
  return accept(fact);
}

/** The decider of one resident's register stream; its state starts as that resident's empty records. */
export function residentRecordsDecider(residentId: ResidentId): Decider<RecordCountyFact, CountyFact, ResidentRecords> {
  return { initialState: emptyResidentRecords(residentId), decide: decideCountyFact, evolve: evolveResidentRecords };
}
