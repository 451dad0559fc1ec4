/**
 * One resident, one live benefit (一人一保; 重复申请): a unique index on the resident ID in MongoDB
 * reserves residents *before* the application's events are appended, so two case workers entering
 * the same person at the same moment cannot both succeed (the second insert meets the key).
 *
 * A reservation is held from the application until the resident's benefit ends: released when the
 * application is withdrawn or rejected (by the projection), when payments refuses the approved case
 * or stops its entitlement (death, exit, termination; payments' integration events), or when the
 * append it guarded fails. An approved case keeps it: its stage becomes 'benefit' once payments
 * grants the entitlement. See apps/payments/src/entitlements/DESIGN-one-benefit.md.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO } from '@sa/platform';
import type { Collection, Connection } from 'mongoose';
import { type ReservationDoc, ReservationInserts } from './reservation-inserts';

export type ReservationStage = 'application' | 'benefit';

/** Who holds a resident another application asked for. */
export interface Holding {
  readonly residentId: string;
  readonly applicationId: string;
  readonly stage: ReservationStage;
}

@Injectable()
export class ResidentReservations implements OnModuleInit {
  private readonly inserts = new ReservationInserts(() => this.collection);

  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get collection(): Collection<ReservationDoc> {
    return this.mongo.collection<ReservationDoc>('resident_reservations');
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ applicationId: 1 });
  }

  /**
   * Reserves each resident for the application. When another application holds one, nothing is
   * left reserved by this call and the holdings are returned; otherwise the residents it newly took.
   * All of them are inserted with one unordered command, shared with concurrent submissions (one
   * round trip, not one per member; the unique _id still decides every race, reservation-inserts.ts):
   * only the ones refused as duplicates are looked up.
   */
  async reserve(applicationId: string, residentIds: readonly string[]): Promise<{ taken: Holding[]; reserved: string[] }> {
    const taken: Holding[] = [];
    const reserved: string[] = [];
    let pending = [...new Set(residentIds)];
    // A holder released between our insert and our look-up frees the resident: insert it again (a few times at most).
    for (let round = 0; pending.length > 0 && round < 5; round++) {
      const refused = await this.insertEach(applicationId, pending);
      reserved.push(...pending.filter((id) => !refused.has(id)));
      const holders = refused.size > 0 ? await this.collection.find({ _id: { $in: [...refused] } }).toArray() : [];
      const held = new Map(holders.map((h) => [h._id, h]));
      pending = [...refused].filter((id) => !held.has(id));
      for (const holder of holders) {
        if (holder.applicationId !== applicationId)
          taken.push({ residentId: holder._id, applicationId: holder.applicationId, stage: holder.stage ?? 'application' });
      }
    }
    if (pending.length > 0) {
      await this.release(applicationId, reserved);
      throw new Error(`reserving ${pending.length} resident(s) kept meeting a reservation that was being released; try again`);
    }
    if (taken.length > 0) await this.release(applicationId, reserved);
    return { taken, reserved: taken.length > 0 ? [] : reserved };
  }

  /** Inserts a reservation per resident (with other submissions' at the same moment); answers those refused because one exists already. */
  private insertEach(applicationId: string, residentIds: readonly string[]): Promise<Set<string>> {
    const reservedAt = new Date();
    return this.inserts.insert(residentIds.map((residentId) => ({ _id: residentId, applicationId, stage: 'application' as const, reservedAt })));
  }

  /** The case's entitlement was granted: its residents are now held by a live benefit. */
  async markOnBenefit(applicationId: string): Promise<void> {
    await this.collection.updateMany({ applicationId }, { $set: { stage: 'benefit' } });
  }

  async release(applicationId: string, residentIds?: readonly string[]): Promise<void> {
    await this.collection.deleteMany(residentIds ? { _id: { $in: [...residentIds] }, applicationId } : { applicationId });
  }

  /** An amendment changed the household: residents no longer in it are free again. */
  async releaseAllBut(applicationId: string, kept: readonly string[]): Promise<void> {
    await this.collection.deleteMany({ applicationId, _id: { $nin: [...kept] } });
  }
}
