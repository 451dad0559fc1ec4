/**
 * The faults, one after another during the journey's steps: `kill -9` of each service in turn and of
 * the broker, PostgreSQL stopped for 30 s, the MongoDB-protocol server stopped for 30 s. After each,
 * the recovery time: from the moment the fault is over (the kill itself, or the server started
 * again) until every service answers ready, and until a probe application submitted then has
 * become a case in approval (intake → Kafka → verification → Kafka → approval: the pipeline moves).
 */
import type { ComponentName } from '../../deploy/local/infra';
import type { Fleet } from './fleet';
import { plannedApplication, probeVillage, type PlannedApplication } from './households';
import { caseReaches, submit } from './journey';
import { killBroker, startServer, stopServer, type Say } from './servers';

export type Fault = (
  | { readonly kind: 'kill-service'; readonly service: string }
  | { readonly kind: 'kill-broker' }
  | { readonly kind: 'stop-server'; readonly server: ComponentName }
) & {
  /** Injected once this share of the step's applications has moved (work is then in flight downstream). */
  readonly afterShare?: number;
};

export interface FaultOutcome {
  readonly fault: string;
  /** How long the fault lasted (0 for a kill: the restart is part of the recovery). */
  readonly outageMs: number;
  /** Fault over → every service ready. */
  readonly readyMs?: number;
  /** Fault over → the probe submitted then opened a case. */
  readonly pipelineMs?: number;
  readonly probe?: string;
  readonly error?: string;
}

export type Phase = 'submission' | 'review' | 'confirmation' | 'entitlement' | 'payroll';

/**
 * Which faults hit which step of the journey, so each lands where it hurts: PostgreSQL goes away
 * once a quarter of the cases are confirmed, while payments and charity-referral consume those
 * approvals from Kafka; FerretDB while reviews are written to and read from approval's read model.
 * Quick mode: one kill of payments while it consumes approvals.
 */
export function faultPlan(quick: boolean): Record<Phase, Fault[]> {
  const kill = (service: string): Fault => ({ kind: 'kill-service', service });
  if (quick) return { submission: [], review: [], confirmation: [kill('payments')], entitlement: [], payroll: [] };
  return {
    submission: [kill('intake'), kill('verification')],
    review: [{ kind: 'stop-server', server: 'ferretdb', afterShare: 0.2 }, kill('approval'), { kind: 'kill-broker' }],
    confirmation: [{ kind: 'stop-server', server: 'postgres', afterShare: 0.25 }, kill('charity-referral')],
    entitlement: [kill('payments')],
    payroll: [kill('audit')],
  };
}

export function describeFault(fault: Fault, outageMs: number): string {
  if (fault.kind === 'kill-service') return `kill -9 ${fault.service}`;
  if (fault.kind === 'kill-broker') return 'kill -9 kafka';
  return `stop ${fault.server} ${outageMs / 1000} s`;
}

export interface FaultContext {
  readonly fleet: Fleet;
  readonly outageMs: number;
  readonly restartDelayMs: number;
  readonly say: Say;
  /** Every probe application submitted, so the invariants cover them too. */
  readonly probes: PlannedApplication[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Injects the fault; resolves when it is over (the moment recovery is measured from). */
async function inject(fault: Fault, ctx: FaultContext): Promise<number> {
  if (fault.kind === 'kill-service') {
    ctx.fleet.kill9(fault.service);
    return 0;
  }
  const began = Date.now();
  if (fault.kind === 'kill-broker') {
    await killBroker(ctx.say);
    await sleep(ctx.restartDelayMs);
    await startServer('kafka', ctx.say);
  } else {
    await stopServer(fault.server, ctx.say);
    await sleep(ctx.outageMs);
    await startServer(fault.server, ctx.say);
  }
  return Date.now() - began;
}

export async function runFault(fault: Fault, ctx: FaultContext): Promise<FaultOutcome> {
  const name = describeFault(fault, ctx.outageMs);
  ctx.say(`fault: ${name}`);
  const outageMs = await inject(fault, ctx);
  const over = Date.now();
  const probe = plannedApplication(ctx.probes.length, probeVillage, 'probe');
  ctx.probes.push(probe);
  const urls = (service: string) => ctx.fleet.url(service);
  const [ready, pipeline] = await Promise.allSettled([
    ctx.fleet.allReady(120_000).then(() => Date.now() - over),
    submit(urls, probe)
      .then(() => caseReaches(urls, probe.applicationId, ['awaiting-review'], 180_000))
      .then(() => Date.now() - over),
  ]);
  const outcome: FaultOutcome = {
    fault: name,
    outageMs,
    probe: probe.applicationId,
    ...(ready.status === 'fulfilled' ? { readyMs: ready.value } : {}),
    ...(pipeline.status === 'fulfilled' ? { pipelineMs: pipeline.value } : {}),
    ...(ready.status === 'rejected' || pipeline.status === 'rejected'
      ? { error: [ready, pipeline].flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message ?? r.reason)] : [])).join('; ') }
      : {}),
  };
  ctx.say(
    `fault: ${name} — ready after ${fmt(outcome.readyMs)}, pipeline moving after ${fmt(outcome.pipelineMs)}${outcome.error ? ` (${outcome.error})` : ''}`,
  );
  return outcome;
}

export function fmt(ms: number | undefined): string {
  return ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`;
}

/** Every fault in turn, with a breath between them so each recovery is measured on its own. */
export async function runFaults(plan: readonly Fault[], ctx: FaultContext, moved: () => number, pauseMs = 3000): Promise<FaultOutcome[]> {
  const outcomes: FaultOutcome[] = [];
  for (const fault of plan) {
    // Bounded: a step that stalls before the share is reached still gets its fault.
    for (const began = Date.now(); moved() < (fault.afterShare ?? 0) && Date.now() - began < 120_000;) await sleep(200);
    try {
      outcomes.push(await runFault(fault, ctx));
    } catch (error) {
      outcomes.push({ fault: describeFault(fault, ctx.outageMs), outageMs: 0, error: error instanceof Error ? error.message : String(error) });
    }
    await sleep(pauseMs);
  }
  return outcomes;
}
