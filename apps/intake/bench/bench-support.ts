/**
 * For the intake benchmark: the services built and started as `npm start` runs them (compiled
 * with SWC into dist/, one process each), distinct valid households, and latency figures.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkCharacter } from '@sa/domain-shared';
export { freePort } from '@sa/testing-infra';

export const repoRoot = resolve(__dirname, '..', '..', '..');

/** Builds the named services into dist/ (the same emit `npm start` runs). */
export function build(names: string[]): void {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build/compile.ts', ...names], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building ${names.join(', ')} failed`);
}

export interface StartedService {
  name: string;
  url: string;
  child: ChildProcess;
}

/** Starts a built service as its own process and waits until /health/ready answers 200. */
export async function startBuilt(name: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = [], timeoutMs = 90_000): Promise<StartedService> {
  const port = Number(env.PORT);
  const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}: ${errors}`);
    const status = await fetch(`${url}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { name, url, child };
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s: ${errors}`);
}

export function stopService(service: StartedService, graceMs = 15_000): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** The n-th distinct valid resident ID (GB 11643) of a Jiaojiang resident: n is spread over birth date and sequence. */
export function residentId(n: number): string {
  const born = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1000) * 86_400_000);
  const first17 = `331002${born.toISOString().slice(0, 10).replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** A valid dibao application of a household of two (distinct residents 2n and 2n+1). */
export function application(n: number) {
  const ids = [residentId(2 * n), residentId(2 * n + 1)];
  return {
    applicationId: randomUUID(),
    programme: 'dibao',
    region: '331002001001',
    applicationLocation: 'hukou',
    channel: 'walk-in',
    household: {
      members: ids.map((id, i) => ({
        residentId: id,
        name: `成员${i}`,
        relation: i === 0 ? 'applicant' : 'child',
        birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        disabilityGrade: null,
        seriousIllness: false,
        workAbility: i === 0 ? 'full' : 'none',
        declaredMonthlyIncomes: i === 0 ? [{ kind: 'wage', monthlyFen: 180_000 }] : [],
      })),
      declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
      bankAccount: { bankName: '台州银行', accountHolder: '成员0', accountNumber: '6222000011112222' },
    },
    consents: { economicCheck: true, charityReferral: true },
    nearRelative: { declared: false },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** CPU seconds (user + system) used so far by a process, from Linux's /proc; 0 elsewhere or when gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function processes(): { pid: number; ppid: number; cmdline: string }[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return [{ pid: Number(entry), ppid, cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ') }];
      } catch {
        return [];
      }
    });
}

/**
 * The processes whose CPU time a run is charged: the services, and the local servers found by the
 * ports they listen on (FerretDB's `-listen-addr`, PostgreSQL's `-p` with all its backends), so the
 * cost per application can be read on a machine other work shares.
 */
export function cpuMeter(services: Record<string, number>, ports: { postgres: number; ferretdb: number }): () => Record<string, number> {
  const all = processes();
  const ferretdb = all.filter((p) => p.cmdline.includes(`-listen-addr 127.0.0.1:${ports.ferretdb}`)).map((p) => p.pid);
  const postmaster = all.filter((p) => /\bpostgres\b/.test(p.cmdline) && p.cmdline.includes(`-p ${ports.postgres}`)).map((p) => p.pid);
  const groups: Record<string, () => number[]> = {
    ...Object.fromEntries(Object.entries(services).map(([name, pid]) => [name, () => [pid]])),
    ferretdb: () => ferretdb,
    // Backends come and go; the ones that ended meanwhile are not counted (pools keep theirs open).
    postgres: () => [
      ...postmaster,
      ...processes()
        .filter((p) => postmaster.includes(p.ppid))
        .map((p) => p.pid),
    ],
  };
  const read = (): Record<string, Map<number, number>> =>
    Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, cpuSeconds(pid)]))]));
  const before = read();
  return (): Record<string, number> => {
    const after = read();
    return Object.fromEntries(
      Object.entries(after).map(([name, now]) => [name, [...now].reduce((sum, [pid, seconds]) => sum + seconds - (before[name]?.get(pid) ?? 0), 0)]),
    );
  };
}
