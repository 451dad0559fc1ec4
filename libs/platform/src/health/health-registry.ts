/**
 * Readiness checks registered by the parts of a service that talk to other servers (Kafka, the
 * event store, MongoDB). /health/ready answers 200 only when every check passes and the service
 * is not shutting down.
 */
import { Injectable } from '@nestjs/common';

export type HealthCheck = () => Promise<void>;

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly ms: number;
}

@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private shuttingDown = false;

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async run(timeoutMs = 3000): Promise<{ ready: boolean; checks: CheckResult[] }> {
    const results = await Promise.all([...this.checks].map(([name, check]) => runOne(name, check, timeoutMs)));
    return { ready: !this.shuttingDown && results.every((r) => r.ok), checks: results };
  }
}

async function runOne(name: string, check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  const began = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { name, ok: true, ms: Date.now() - began };
  } catch (error) {
    return { name, ok: false, error: error instanceof Error ? error.message : String(error), ms: Date.now() - began };
  } finally {
    clearTimeout(timer);
  }
}
