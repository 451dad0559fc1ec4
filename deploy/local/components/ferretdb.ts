/**
 * FerretDB v1 (MongoDB wire protocol) on its PostgreSQL backend — a database of its own on the
 * local PostgreSQL, so it starts after it — built from the Go module proxy into the shared cache
 * by the small wrapper in deploy/local/ferretdb (see its main.go for why), with the _id pushdown
 * fix of ferretdb/id-pushdown.ts and the pool fixes of ferretdb/release-reads.ts and ferretdb/bounds.ts. The SQLite backend stays selectable (SA_FERRETDB_BACKEND=sqlite).
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { Client } from 'pg';
import type { InfraConfig } from '../config';
import { repoRoot } from '../config';
import { bounds } from '../ferretdb/bounds';
import { patchedFile, patchFingerprint, patchQueryGo } from '../ferretdb/id-pushdown';
import { releaseReads } from '../ferretdb/release-reads';
import { applySourcePatch, sourcePatchFingerprint } from '../ferretdb/source-edit';
import { requirePrograms } from '../lib/prerequisites';
import { isAlive, readPid, removeFile, run, spawnDetached, stopPid, tcpReachable, waitUntil } from '../lib/process';
import type { Component } from './component';

const sourceDir = join(repoRoot, 'deploy', 'local', 'ferretdb');
/** Build-time fixes of FerretDB's source besides the _id pushdown (each file says why). */
const sourcePatches = [releaseReads, bounds];
const goEnv = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };

/** The module cache is read-only; its copy must be writable to be patched and later removed. */
function chmodTree(path: string): void {
  const directory = statSync(path).isDirectory();
  chmodSync(path, directory ? 0o755 : 0o644);
  if (directory) for (const entry of readdirSync(path)) chmodTree(join(path, entry));
}

/** Creates FerretDB's database on its PostgreSQL server when missing (FerretDB does not). */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  maintenance.search = '';
  const client = new Client({ connectionString: maintenance.toString() });
  client.on('error', () => undefined); // a server going away mid-check surfaces on the query instead
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export class FerretDbComponent implements Component {
  readonly name = 'ferretdb';
  private readonly dir: string;

  constructor(private readonly cfg: InfraConfig) {
    this.dir = join(cfg.stateDir, 'ferretdb');
  }

  isExternal(): boolean {
    return this.cfg.ferretdb.externalUrl !== undefined;
  }

  endpoint(): string {
    return this.cfg.ferretdb.externalUrl ?? `mongodb://${this.cfg.ferretdb.host}:${this.cfg.ferretdb.port}/`;
  }

  logFile(): string {
    return join(this.dir, 'ferretdb.log');
  }

  private get pidFile(): string {
    return join(this.dir, 'ferretdb.pid');
  }

  /** The binary's name carries a hash of its sources and of the patch, so a change to them rebuilds it. */
  private get binary(): string {
    const hash = createHash('sha256');
    for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(sourceDir, file)));
    hash.update(patchFingerprint);
    for (const patch of sourcePatches) hash.update(sourcePatchFingerprint(patch));
    return join(this.cfg.cacheDir, 'ferretdb', `ferretdb-${this.cfg.ferretdb.version}-${hash.digest('hex').slice(0, 12)}`);
  }

  async install(): Promise<void> {
    requirePrograms('FerretDB', ['go']);
    const binary = this.binary;
    if (existsSync(binary)) return;
    // Per process: checkouts share the cache, and may install at the same moment.
    const buildDir = join(this.cfg.cacheDir, 'ferretdb', `build-${process.pid}`);
    rmSync(buildDir, { recursive: true, force: true });
    mkdirSync(buildDir, { recursive: true });
    try {
      this.build(buildDir, binary);
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
    }
  }

  private build(buildDir: string, binary: string): void {
    // Go does not overlay files of its module cache, so the build uses a patched copy of the module
    // (through a replace in a build-only go.mod); the repository's go.mod stays the upstream one.
    run('go', ['mod', 'download', 'github.com/FerretDB/FerretDB'], { cwd: sourceDir, env: goEnv });
    const moduleDir = run('go', ['list', '-m', '-f', '{{.Dir}}', 'github.com/FerretDB/FerretDB'], { cwd: sourceDir, env: goEnv }).trim();
    const copy = join(buildDir, 'FerretDB');
    cpSync(moduleDir, copy, { recursive: true });
    chmodTree(copy);
    writeFileSync(join(copy, patchedFile), patchQueryGo(moduleDir));
    for (const patch of sourcePatches) applySourcePatch(copy, patch);
    const modFile = join(buildDir, 'go.mod');
    writeFileSync(modFile, `${readFileSync(join(sourceDir, 'go.mod'), 'utf8')}\nreplace github.com/FerretDB/FerretDB => ${copy}\n`);
    copyFileSync(join(sourceDir, 'go.sum'), join(buildDir, 'go.sum'));
    const built = join(buildDir, 'ferretdb');
    run('go', ['build', '-trimpath', `-modfile=${modFile}`, '-o', built, '.'], { cwd: sourceDir, env: goEnv });
    renameSync(built, binary);
  }

  async isHealthy(): Promise<boolean> {
    if (!this.isExternal() && !(await tcpReachable(this.cfg.ferretdb.host, this.cfg.ferretdb.port))) return false;
    // A wedged server accepts connections but never answers: bound the ping too, or callers hang.
    const client = new MongoClient(this.endpoint(), { serverSelectionTimeoutMS: 2000, socketTimeoutMS: 5000 });
    try {
      await client.db('admin').command({ ping: 1 });
      return true;
    } catch {
      return false;
    } finally {
      await client.close().catch(() => undefined);
    }
  }

  async start(): Promise<void> {
    const existing = readPid(this.pidFile);
    if (isAlive(existing)) throw new Error(`FerretDB (pid ${existing}) is running but not answering; see ${this.logFile()}`);
    mkdirSync(this.dir, { recursive: true });
    const f = this.cfg.ferretdb;
    spawnDetached(this.binary, ['-listen-addr', `${f.host}:${f.port}`, ...(await this.backendArgs()), '-log-level', 'warn'], {
      logFile: this.logFile(),
      pidFile: this.pidFile,
      cwd: this.dir,
    });
    await waitUntil(
      `FerretDB on ${this.endpoint()} (log: ${this.logFile()})`,
      async () => {
        if (!isAlive(readPid(this.pidFile))) throw new Error('the FerretDB process exited');
        return this.isHealthy();
      },
      30_000,
    );
  }

  private async backendArgs(): Promise<string[]> {
    const f = this.cfg.ferretdb;
    if (f.backend === 'sqlite') {
      const dataDir = join(this.dir, 'data');
      mkdirSync(dataDir, { recursive: true });
      return ['-handler', 'sqlite', '-sqlite-url', `file:${dataDir}/`];
    }
    try {
      await ensurePostgresDatabase(f.postgresqlUrl);
    } catch (error) {
      throw new Error(`FerretDB needs its PostgreSQL (${new URL(f.postgresqlUrl).host}), which does not answer: ${String(error)}`);
    }
    return ['-handler', 'postgresql', '-postgresql-url', f.postgresqlUrl];
  }

  async stop(): Promise<void> {
    await stopPid(readPid(this.pidFile), 15_000);
    removeFile(this.pidFile);
  }
}
