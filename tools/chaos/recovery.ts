/**
 * The recoveries as an invariant: after each fault every service must answer ready again and the
 * pipeline move within the harness's bound (faults.ts). A run whose invariants on the stores held
 * while a service stayed unready for ten minutes (audit, its MongoDB driver stuck) is not green.
 */
import type { Verdict } from './invariants';

export interface Recovery {
  readonly fault: string;
  /** Set when the platform did not recover within the bound (or the fault could not be injected). */
  readonly error?: string;
}

export function recoveredFromEveryFault(faults: readonly Recovery[]): Verdict {
  const failures = faults.filter((f) => f.error !== undefined).map((f) => `${f.fault}: ${f.error ?? ''}`);
  return { invariant: 'recovered from every fault (every service ready, the pipeline moving)', ok: failures.length === 0, failures };
}
