/**
 * Probes the service's servers until every one answers, retrying with capped backoff; the gate
 * shows each round's results. Logged when the set of missing servers changes, not every round.
 */
import type { Logger } from '../logging/logger';
import type { DependencyProbe } from './dependency-probes';
import type { StartupGate, WaitingCheck } from './startup-gate';

export interface WaitSettings {
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly signal?: AbortSignal;
}

export async function probeAll(probes: readonly DependencyProbe[]): Promise<WaitingCheck[]> {
  return Promise.all(
    probes.map(async ({ name, check }) => {
      try {
        await check();
        return { name, ok: true };
      } catch (error) {
        return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

export async function waitForDependencies(probes: readonly DependencyProbe[], gate: StartupGate, logger: Logger, settings: WaitSettings = {}): Promise<void> {
  const initial = settings.initialDelayMs ?? 250;
  const cap = settings.maxDelayMs ?? 5000;
  let reported = '';
  for (let round = 1; ; round += 1) {
    const checks = await probeAll(probes);
    gate.waiting(checks);
    const missing = checks.filter((c) => !c.ok);
    const key = missing.map((c) => c.name).join(',');
    if (missing.length === 0) {
      if (reported) logger.info({ afterRounds: round }, 'every server answers; starting');
      return;
    }
    if (key !== reported) logger.warn({ waitingFor: missing.map(({ name, error }) => ({ name, error })) }, 'waiting for servers (readiness answers 503)');
    reported = key;
    settings.signal?.throwIfAborted();
    await sleep(Math.min(cap, initial * 2 ** Math.min(round - 1, 10)), settings.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolveSleep, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolveSleep();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
