/**
 * FerretDB v1 (MongoDB wire protocol) on its SQLite backend, built from the Go module proxy into
 * the shared cache by the small wrapper in deploy/local/ferretdb (see its main.go for why).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { InfraConfig } from '../config';
import { repoRoot } from '../config';
import { requirePrograms } from '../lib/prerequisites';
import { isAlive, readPid, removeFile, run, spawnDetached, stopPid, tcpReachable, waitUntil } from '../lib/process';
import type { Component } from './component';

const sourceDir = join(repoRoot, 'deploy', 'local', 'ferretdb');

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

  /** The binary's name carries a hash of its sources, so a change to them rebuilds it. */
  private get binary(): string {
    const hash = createHash('sha256');
    for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(sourceDir, file)));
    return join(this.cfg.cacheDir, 'ferretdb', `ferretdb-${this.cfg.ferretdb.version}-${hash.digest('hex').slice(0, 12)}`);
  }

  async install(): Promise<void> {
    requirePrograms('FerretDB', ['go']);
    const binary = this.binary;
    if (existsSync(binary)) return;
    mkdirSync(join(this.cfg.cacheDir, 'ferretdb'), { recursive: true });
    run('go', ['build', '-trimpath', '-o', binary, '.'], {
      cwd: sourceDir,
      env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
    });
  }

  async isHealthy(): Promise<boolean> {
    if (!this.isExternal() && !(await tcpReachable(this.cfg.ferretdb.host, this.cfg.ferretdb.port))) return false;
    const client = new MongoClient(this.endpoint(), { serverSelectionTimeoutMS: 2000 });
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
    const dataDir = join(this.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const f = this.cfg.ferretdb;
    spawnDetached(this.binary, ['-listen-addr', `${f.host}:${f.port}`, '-handler', 'sqlite', '-sqlite-url', `file:${dataDir}/`, '-log-level', 'warn'], {
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

  async stop(): Promise<void> {
    await stopPid(readPid(this.pidFile), 15_000);
    removeFile(this.pidFile);
  }
}
