/** A cross-process lock (an atomic mkdir) so two test runs never start the same server twice. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, readPid, sleep } from './process';

export async function withLock<T>(dir: string, timeoutMs: number, body: () => Promise<T>): Promise<T> {
  const lockDir = join(dir, 'infra.lock');
  const owner = join(lockDir, 'pid');
  const deadline = Date.now() + timeoutMs;
  mkdirSync(dir, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPid(owner);
      // A lock whose holder died (or never wrote its pid) is stale.
      if (holder !== undefined && !isAlive(holder)) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another process (pid ${holder ?? '?'}) holds ${lockDir}`);
      else await sleep(300);
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
