/**
 * Deaths public security has reported, by resident key. A death and an approval travel on
 * different topics and may arrive in either order: a death met before the entitlement exists is
 * kept here, so the grant (and, as the last safeguard, every payroll run) can still act on it.
 */
import { Inject, Injectable } from '@nestjs/common';
import { MONGO } from '@sa/platform';
import type { Collection, Connection } from 'mongoose';
import { residentKey } from './resident-key';

interface DeathDoc {
  _id: string; // residentKey
  dateOfDeath: string;
  messageId: string;
  recordedAt: Date;
}

@Injectable()
export class ResidentDeaths {
  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get collection(): Collection<DeathDoc> {
    return this.mongo.collection<DeathDoc>('resident_deaths');
  }

  /** Idempotent: the first report of a death is kept (a correction is a matter for a case worker). */
  async record(residentId: string, dateOfDeath: string, messageId: string, recordedAt: Date): Promise<void> {
    await this.collection.updateOne({ _id: residentKey(residentId) }, { $setOnInsert: { dateOfDeath, messageId, recordedAt } }, { upsert: true });
  }

  /** Dates of death of those residents (by key) who are known dead. */
  async datesOfDeath(residentKeys: readonly string[]): Promise<Map<string, string>> {
    if (residentKeys.length === 0) return new Map();
    const found = await this.collection.find({ _id: { $in: [...residentKeys] } }).toArray();
    return new Map(found.map((d) => [d._id, d.dateOfDeath]));
  }
}
