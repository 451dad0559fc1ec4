/**
 * The organisation registry as a read model (MongoDB): what matching offers referrals from and what
 * civil affairs lists. Fed by the `organisation-` streams; a registration is matchable as soon as
 * this projection applied it (usually milliseconds later).
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { CharityOrganisation, Need, OrganisationEvent } from '@sa/domain-charity-referral';
import { parseRegionCode, type RegionCode } from '@sa/domain-shared';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';

export interface OrganisationView {
  _id: string;
  name: string;
  serviceRegions: string[];
  needs: Need[];
  status: 'active' | 'deregistered';
  registeredAt: string;
  registeredBy: string;
  deregisteredAt?: string;
}

const organisationSchema = new Schema<OrganisationView>(
  {
    _id: String,
    name: String,
    serviceRegions: { type: [String], index: true },
    needs: [String],
    status: { type: String, index: true },
    registeredAt: String,
    registeredBy: String,
    deregisteredAt: String,
  },
  { collection: 'organisations', versionKey: false, strict: false },
);

const levelLengths = [2, 4, 6, 9, 12];

/** A region code in normalised form; codes already normalised to city or province level are kept as they are. */
function normalised(region: string): string {
  return /^\d+$/.test(region) && levelLengths.includes(region.length) && region.length < 6 ? region : parseRegionCode(region);
}

/** The region itself and every region enclosing it (village → township → county → city → province). */
export function enclosingRegions(region: string): string[] {
  const code = normalised(region);
  return levelLengths.filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

@Injectable()
export class OrganisationRegistry implements OnModuleInit {
  readonly model: Model<OrganisationView>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<OrganisationView>('Organisation', organisationSchema);
    projections.register({ name: 'organisations', filter: { streamPrefixes: ['organisation-'] }, collections: ['organisations'], apply: (e) => this.apply(e) });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Active organisations whose service regions contain the household's region: the candidates matching ranks. */
  async candidatesFor(householdRegion: string): Promise<CharityOrganisation[]> {
    const docs = await this.model.find({ status: 'active', serviceRegions: { $in: enclosingRegions(householdRegion) } }).lean();
    return docs.map((d) => ({ organisationId: d._id, name: d.name, serviceRegions: d.serviceRegions as RegionCode[], provides: d.needs }));
  }

  /** Organisations working anywhere in the region or covering all of it. */
  async overlapping(region: string, options: { includeDeregistered: boolean; limit: number }): Promise<OrganisationView[]> {
    const code = normalised(region);
    const filter: Record<string, unknown> = { $or: [{ serviceRegions: { $in: enclosingRegions(code) } }, { serviceRegions: { $regex: `^${code}` } }] };
    if (!options.includeDeregistered) filter.status = 'active';
    return this.model.find(filter).sort({ _id: 1 }).limit(options.limit).lean();
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as OrganisationEvent;
    const id = event.data.organisationId;
    switch (event.type) {
      case 'OrganisationRegistered': {
        const d = event.data;
        await applyOnce(this.model, id, recorded, {
          $set: {
            name: d.name,
            serviceRegions: [...d.serviceRegions],
            needs: [...d.provides],
            status: 'active',
            registeredAt: d.registeredAt,
            registeredBy: d.registeredBy.userId,
          },
        });
        return;
      }
      case 'OrganisationDeregistered':
        await applyOnce(this.model, id, recorded, { $set: { status: 'deregistered', deregisteredAt: event.data.deregisteredAt } });
        return;
    }
  }
}
