/**
 * Which cases a resident or a lead belongs to, kept in MongoDB as the watch examines cases: a
 * county fact (a death, a vehicle) names only the resident, and the watch must know which cases
 * to examine again when one arrives. Built from each examined case's members and leads, and a
 * temporary case's household (the temporary-assistance detectors look across its cases).
 */
import { leadIdsOf, leadKey, membersOf, residentKey, temporaryHouseholdKeysOf, type CaseHistory } from '@sa/domain-audit';
import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';

interface LinkDocument {
  _id: string;
  applications: string[];
}

export class CaseLinks {
  private constructor(private readonly collection: Collection<LinkDocument>) {}

  static create(db: Db): CaseLinks {
    return new CaseLinks(db.collection<LinkDocument>('audit_case_links'));
  }

  /** Links every member resident and lead of the histories to their case. */
  async addAll(histories: readonly CaseHistory[]): Promise<void> {
    const operations: AnyBulkWriteOperation<LinkDocument>[] = [];
    for (const history of histories) {
      const keys = [
        ...[...membersOf(history.events).keys()].map(residentKey),
        ...[...leadIdsOf(history.events)].map(leadKey),
        ...temporaryHouseholdKeysOf(history),
      ];
      for (const key of keys) {
        operations.push({ updateOne: { filter: { _id: key }, update: { $addToSet: { applications: history.applicationId } }, upsert: true } });
      }
    }
    for (let i = 0; i < operations.length; i += 1000) await this.collection.bulkWrite(operations.slice(i, i + 1000), { ordered: false });
  }

  /** The cases linked to any of the keys. */
  async applicationsOf(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const documents = await this.collection.find({ _id: { $in: [...keys] } }).toArray();
    return new Set(documents.flatMap((d) => d.applications));
  }
}
