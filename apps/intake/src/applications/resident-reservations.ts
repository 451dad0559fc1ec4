/**
 * One resident, one active application (重复申请): a unique index on the resident ID in MongoDB
 * reserves residents *before* the application's events are appended, so two case workers entering
 * the same person at the same moment cannot both succeed. A reservation is released when the
 * application is withdrawn or closed (by the projection) or when the append it guarded fails.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO } from '@sa/platform';
import type { Collection, Connection } from 'mongoose';

interface ReservationDoc {
  _id: string; // resident ID
  applicationId: string;
  reservedAt: Date;
}

@Injectable()
export class ResidentReservations implements OnModuleInit {
  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get collection(): Collection<ReservationDoc> {
    return this.mongo.collection<ReservationDoc>('resident_reservations');
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ applicationId: 1 });
  }

  /** Reserves each resident for the application; returns those already held by another application. */
  async reserve(applicationId: string, residentIds: readonly string[]): Promise<string[]> {
    const taken: string[] = [];
    const reserved: string[] = [];
    for (const residentId of residentIds) {
      try {
        await this.collection.insertOne({ _id: residentId, applicationId, reservedAt: new Date() });
        reserved.push(residentId);
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        const holder = await this.collection.findOne({ _id: residentId });
        if (holder && holder.applicationId !== applicationId) taken.push(residentId);
      }
    }
    if (taken.length > 0) await this.release(applicationId, reserved);
    return taken;
  }

  async release(applicationId: string, residentIds?: readonly string[]): Promise<void> {
    await this.collection.deleteMany(residentIds ? { _id: { $in: [...residentIds] }, applicationId } : { applicationId });
  }
}
