/**
 * The chaos run's own Kafka, PostgreSQL and MongoDB-protocol server, through the deploy/local
 * components (they know the pid files): started if needed, stopped for an outage and started
 * again, the broker killed with SIGKILL. useChaosServers() must have run first.
 */
import { join } from 'node:path';
import { loadInfraConfig } from '../../deploy/local/config';
import { ensureUp, stop, type ComponentName, type UpResult } from '../../deploy/local/infra';
import { isAlive, readPid } from '../../deploy/local/lib/process';

export type Say = (line: string) => void;

export async function serversUp(say: Say): Promise<UpResult> {
  return ensureUp(undefined, (line) => say(`server ${line}`));
}

export async function stopServer(name: ComponentName, say: Say): Promise<void> {
  await stop([name], (line) => say(`server ${line}`));
}

export async function startServer(name: ComponentName, say: Say): Promise<void> {
  await ensureUp([name], (line) => say(`server ${line}`));
}

/** kill -9 of the broker: no controlled shutdown, no leadership hand-over. */
export async function killBroker(say: Say): Promise<void> {
  const pid = readPid(join(loadInfraConfig().stateDir, 'kafka', 'kafka.pid'));
  if (pid === undefined || !isAlive(pid)) throw new Error('the chaos Kafka broker is not running (no live pid in its pid file)');
  process.kill(pid, 'SIGKILL');
  for (let waited = 0; isAlive(pid) && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  say(`server kafka: killed with SIGKILL (pid ${pid})`);
}

export async function stopServers(names: readonly ComponentName[], say: Say): Promise<void> {
  if (names.length > 0) await stop([...names], (line) => say(`server ${line}`));
}
