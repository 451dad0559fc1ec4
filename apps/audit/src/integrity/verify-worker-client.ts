/**
 * Starts a verification worker thread and waits for its results. Compiled services run
 * verify-worker.js beside this file; from sources (tests, benchmarks) the worker loads
 * verify-worker.ts through tsx with the workspace's path aliases.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PositionRange } from '@sa/event-store';
import type { RangeScan } from './chain-spans';

export interface VerifyWorkerTask {
  readonly databaseUrl: string;
  readonly source: { readonly name: string; readonly schema: string };
  readonly pageSize: number;
  readonly range: PositionRange;
}

export type VerifyWorkerReply = { scan: RangeScan; error?: undefined } | { error: string; scan?: undefined };

export function runVerifyWorker(task: VerifyWorkerTask): Promise<RangeScan> {
  const worker = startWorker(join(__dirname, 'verify-worker'), task);
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (reply: VerifyWorkerReply) => {
      settled = true;
      if (reply.scan) resolve(reply.scan);
      else reject(new Error(`integrity worker for ${describe(task)} failed: ${reply.error}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`integrity worker for ${describe(task)} exited (code ${code}) without a result`));
    });
  });
}

function describe(task: VerifyWorkerTask): string {
  return `${task.source.name} positions ${task.range.from}…${task.range.before ?? 'end'}`;
}

function startWorker(entry: string, workerData: unknown): Worker {
  if (existsSync(`${entry}.js`)) return new Worker(`${entry}.js`, { workerData });
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(`${entry}.ts`)});`;
  return new Worker(bootstrap, { eval: true, workerData, env: { ...process.env, TSX_TSCONFIG_PATH: workspaceTsconfig(entry) } });
}

function workspaceTsconfig(from: string): string {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) return join(dir, 'tsconfig.json');
  }
  throw new Error(`no workspace tsconfig above ${from}`);
}
