/**
 * Read-your-writes for the work a payroll run reads: before a run lists the entitlements to pay,
 * the projections it relies on must have applied every event already in the store (the list of
 * grants; the payments other runs issued). Waits for that, or answers 503 rather than pay on a
 * stale view.
 */
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { DeliveryHealth, EventFilter, EventStore } from '@sa/event-store';
import { EVENT_STORE, ProjectionRunner } from '@sa/platform';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

@Injectable()
export class ReadBarrier {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
  ) {}

  /** Resolves once the projection has applied the last event matching its filter that exists now. */
  caughtUp(projection: string, filter: EventFilter, timeoutMs = 20_000): Promise<void> {
    return this.caughtUpWith(projection, filter, () => this.projections.positions()[projection], -1, timeoutMs);
  }

  /**
   * The same for a projection that is not one of the runner's (it answers its own position), and
   * at least up to `atLeast`: a write this process made that the store's read may not show yet.
   */
  async caughtUpWith(projection: string, filter: EventFilter, position: () => number | undefined, atLeast = -1, timeoutMs = 20_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    await this.committedVisible(projection, deadline);
    const [last] = await this.store.readAll({ direction: 'backwards', maxCount: 1, filter });
    const head = { position: Math.max(last?.position ?? -1, atLeast) };
    if (head.position < 0) return;
    while ((position() ?? -1) < head.position) {
      if (performance.now() > deadline) {
        throw new ServiceUnavailableException(`the ${projection} projection has not yet applied event ${head.position}; retry shortly (nothing was paid)`);
      }
      await sleep(50);
    }
  }

  /**
   * PostgreSQL's global log is read below a safe horizon (cluster-wide: an open transaction anywhere
   * holds it back). A grant committed just above it would be missing from "the last event" above,
   * and the run would close without that household. So first wait until everything committed when
   * the run began is below the horizon. (KurrentDB's reads have no such horizon: nothing to wait for.)
   */
  private async committedVisible(projection: string, deadline: number): Promise<void> {
    const health = (this.store as Partial<{ deliveryHealth(): Promise<DeliveryHealth> }>).deliveryHealth?.bind(this.store);
    if (!health) return;
    const { head } = await health();
    if (head === undefined) return;
    while ((await health()).horizon < head) {
      if (performance.now() > deadline) {
        throw new ServiceUnavailableException(`the ${projection} projection waits for a long-running database transaction; retry shortly (nothing was paid)`);
      }
      await sleep(50);
    }
  }
}
