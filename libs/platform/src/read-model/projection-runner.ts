/**
 * Runs a service's read-model projections inside NestJS: each registered projection starts after
 * bootstrap from its own checkpoint and stops (flushing its checkpoint) before connections close.
 * `POST /admin/projections/:name/rebuild`-style operations use `rebuild(name)`.
 */
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@sa/event-store';
import type { Connection } from 'mongoose';
import type { Logger } from '../logging/logger';
import { EVENT_STORE, LOGGER, MONGO } from '../platform.tokens';
import { Projection, type ProjectionDefinition } from './projection';

@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly projections = new Map<string, Projection>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  register(definition: ProjectionDefinition): void {
    if (this.projections.has(definition.name)) throw new Error(`projection ${definition.name} registered twice`);
    this.projections.set(definition.name, new Projection(definition, this.store, this.mongo, this.logger));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const projection of this.projections.values()) await projection.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const projection of this.projections.values()) await projection.stop();
  }

  /** Whether every projection has caught up with history (reads may lag until then). */
  get caughtUp(): boolean {
    return [...this.projections.values()].every((p) => p.isCaughtUp);
  }

  positions(): Record<string, number | undefined> {
    return Object.fromEntries([...this.projections].map(([name, p]) => [name, p.position]));
  }

  async rebuild(name: string): Promise<void> {
    const projection = this.projections.get(name);
    if (!projection) throw new Error(`no projection named ${name}`);
    await projection.rebuild();
  }
}
