/**
 * The six services as separate processes, supervised the way a process manager or Kubernetes
 * would: a service that exits (killed or by itself) is restarted after a short delay and the
 * restart is logged with its cause. The harness does not rely on `npm start` supervising.
 * A restarted service's clock starts from real time again, so the fleet puts the run's clock back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { migrationEnv, runMigration } from '../platform/database-roles';
import { repoRoot, serviceEntry, serviceEnv, services, type InfraEnv } from '../platform/services';
import { staff, token } from './client';
import type { Say } from './servers';

export interface Restart {
  readonly service: string;
  readonly at: number;
  readonly cause: string;
  /** True when the harness itself killed the process. */
  readonly injected: boolean;
}

interface Member {
  readonly name: string;
  readonly url: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: WriteStream;
  child?: ChildProcess;
  killedByUs: boolean;
  /** When the service last exited by itself: a crash loop backs off (2 × per crash, at most 30 s). */
  selfExits: number[];
}

export class Fleet {
  readonly restarts: Restart[] = [];
  private readonly members = new Map<string, Member>();
  /** The run's clock as an offset from real time: services' clocks keep ticking after a set. */
  private clockOffsetMs: number | undefined;
  private stopping = false;

  constructor(
    runId: string,
    private readonly infra: InfraEnv,
    basePort: number,
    logDir: string,
    private readonly restartDelayMs: number,
    private readonly say: Say,
  ) {
    mkdirSync(logDir, { recursive: true });
    const schema = (name: string) => `${runId}_${name.replace(/-/g, '_')}`;
    // The audit service reads the five services' schemas of this run.
    const sources = services
      .filter((s) => s.name !== 'audit')
      .map((s) => `${s.name}:${schema(s.name)}`)
      .join(',');
    services.forEach((spec, i) => {
      const port = basePort + i;
      const env = serviceEnv({ ...spec, port }, infra, {
        EVENT_STORE_SCHEMA: schema(spec.name),
        MONGODB_DB: schema(spec.name),
        KAFKA_TOPIC_PREFIX: `${runId}.`,
        KAFKA_CONSUMER_GROUP_PREFIX: `${runId}.`,
        ALLOW_CLOCK_CONTROL: 'true',
        // The scheduled payroll waits for the 28th: the run's own payrolls are the only ones.
        PAYROLL_DAY_OF_MONTH: '28',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        ...(spec.name === 'audit' ? { AUDIT_SOURCE_SCHEMAS: sources } : {}),
      });
      const log = createWriteStream(join(logDir, `${spec.name}.log`), { flags: 'a' });
      this.members.set(spec.name, { name: spec.name, url: `http://127.0.0.1:${port}`, env, log, killedByUs: false, selfExits: [] });
    });
  }

  get names(): string[] {
    return [...this.members.keys()];
  }

  url(name: string): string {
    return this.member(name).url;
  }

  /** Refuses ports already taken (another chaos run, `npm start` on overlapping ports). */
  async startAll(): Promise<void> {
    for (const member of this.members.values()) {
      const port = Number(new URL(member.url).port);
      if (!(await portFree(port))) throw new Error(`port ${port} (for ${member.name}) is in use: is another chaos run going? Choose others with --base-port`);
    }
    // Schemas migrated as their owner first: the services run as their own database roles (tools/platform/database-roles.ts).
    await Promise.all([...this.members.values()].map((m) => runMigration(m.name, serviceEntry(m.name), migrationEnv(m.name, m.env, this.infra), repoRoot)));
    for (const member of this.members.values()) this.spawn(member);
  }

  /** kill -9 of one service; the supervisor restarts it after the delay. */
  kill9(name: string): void {
    const member = this.member(name);
    member.killedByUs = true;
    member.child?.kill('SIGKILL');
  }

  /** Sets every service's clock (and remembers it for services restarted later). */
  async setClock(instant: string): Promise<void> {
    this.clockOffsetMs = new Date(instant).getTime() - Date.now();
    await Promise.all([...this.members.values()].map((m) => this.putClock(m, 120_000)));
  }

  /** Each service's readiness: 200, or what is wrong (the failing checks of a 503, or no answer). */
  async readiness(): Promise<Record<string, number | string>> {
    const entries = await Promise.all(
      [...this.members.values()].map(async (m): Promise<[string, number | string]> => {
        try {
          // A readiness check may itself wait 3 s for a dependency: give it room before calling it down.
          // An operator's token: readiness says why a check fails only to an operator.
          const res = await fetch(`${m.url}/health/ready`, {
            headers: { authorization: `Bearer ${token(staff.operator)}` },
            signal: AbortSignal.timeout(8000),
          });
          if (res.status === 200) return [m.name, 200];
          const body = (await res.json().catch(() => ({}))) as { checks?: { name: string; ok: boolean; error?: string }[] };
          const failing = (body.checks ?? []).filter((c) => !c.ok).map((c) => `${c.name}: ${c.error ?? 'not ok'}`);
          return [m.name, `${res.status} ${failing.join(', ')}`.trim()];
        } catch {
          return [m.name, 'no answer'];
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  /** Resolves with the time it took once every service answers /health/ready with 200. */
  async allReady(timeoutMs: number): Promise<number> {
    const began = Date.now();
    while (Date.now() - began < timeoutMs) {
      const states = await this.readiness();
      if (Object.values(states).every((s) => s === 200)) return Date.now() - began;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`not every service was ready within ${timeoutMs / 1000} s: ${JSON.stringify(await this.readiness())}`);
  }

  async stopAll(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.members.values()].map(async (m) => {
        const child = m.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        });
      }),
    );
    for (const m of this.members.values()) m.log.end();
  }

  private spawn(member: Member): void {
    const child = spawn(process.execPath, ['--enable-source-maps', serviceEntry(member.name)], {
      cwd: repoRoot,
      env: member.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(member.log, { end: false });
    child.stderr?.pipe(member.log, { end: false });
    member.child = child;
    child.once('exit', (code, signal) => this.onExit(member, code, signal));
    if (this.clockOffsetMs !== undefined) this.putClock(member, 180_000).catch((error: Error) => this.say(`supervisor: ${error.message}`));
  }

  private onExit(member: Member, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const injected = member.killedByUs;
    member.killedByUs = false;
    const cause = signal ? `signal ${signal}` : `exit code ${code}`;
    const now = Date.now();
    if (!injected) member.selfExits = [...member.selfExits.filter((at) => now - at < 120_000), now];
    const delay = injected ? this.restartDelayMs : Math.min(30_000, Math.max(this.restartDelayMs, 1000) * 2 ** (member.selfExits.length - 1));
    this.restarts.push({ service: member.name, at: now, cause, injected });
    this.say(`supervisor: ${member.name} ${injected ? 'was killed' : 'EXITED BY ITSELF'} (${cause}); restarting in ${delay} ms`);
    setTimeout(() => {
      if (!this.stopping) this.spawn(member);
    }, delay);
  }

  /** The clock route answers once the service listens; retried until then. */
  private async putClock(member: Member, timeoutMs: number): Promise<void> {
    const began = Date.now();
    const instant = () => new Date(Date.now() + (this.clockOffsetMs ?? 0)).toISOString();
    const child = member.child;
    while (Date.now() - began < timeoutMs && !this.stopping && member.child === child) {
      try {
        const res = await fetch(`${member.url}/admin/clock`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token(staff.operator)}` },
          body: JSON.stringify({ now: instant() }),
          signal: AbortSignal.timeout(3000),
        });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!this.stopping && member.child === child) throw new Error(`${member.name}: could not set its clock within ${timeoutMs / 1000} s`);
  }

  private member(name: string): Member {
    const member = this.members.get(name);
    if (!member) throw new Error(`no service named ${name}`);
    return member;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
