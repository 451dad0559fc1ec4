/**
 * Brings the local servers up and down. Used by the `infra:*` npm scripts, by `npm start` and by
 * the test run, so that all of them agree on where the servers are and who started them.
 */
import { connectionEnv, loadInfraConfig, type InfraConfig } from './config';
import type { Component } from './components/component';
import { FerretDbComponent } from './components/ferretdb';
import { KafkaComponent } from './components/kafka';
import { PostgresComponent } from './components/postgres';
import { withLock } from './lib/lock';

export type ComponentName = Component['name'];
export const allComponents: ComponentName[] = ['postgres', 'kafka', 'ferretdb'];

// In start order: FerretDB keeps its data on PostgreSQL, so PostgreSQL comes first.
function components(cfg: InfraConfig, names: ComponentName[]): Component[] {
  const all: Component[] = [new PostgresComponent(cfg), new KafkaComponent(cfg), new FerretDbComponent(cfg)];
  return all.filter((c) => names.includes(c.name));
}

/** Bringing up a local FerretDB on PostgreSQL brings up (or checks) its PostgreSQL too. */
function withDependencies(cfg: InfraConfig, names: ComponentName[]): ComponentName[] {
  const ferretDbOnPostgres = names.includes('ferretdb') && cfg.ferretdb.externalUrl === undefined && cfg.ferretdb.backend === 'postgresql';
  return ferretDbOnPostgres && !names.includes('postgres') ? ['postgres', ...names] : names;
}

export interface UpResult {
  /** The components this call started (and so the ones its caller should stop). */
  started: ComponentName[];
  env: ReturnType<typeof connectionEnv>;
}

type Say = (line: string) => void;

/** Installs what is missing, starts what is not running, waits until every server answers. */
export async function ensureUp(names: ComponentName[] = allComponents, say: Say = console.log): Promise<UpResult> {
  const cfg = loadInfraConfig();
  return withLock(cfg.stateDir, 600_000, async () => {
    const started: ComponentName[] = [];
    for (const component of components(cfg, withDependencies(cfg, names))) {
      if (await component.isHealthy()) {
        say(`${component.name}: already running at ${component.endpoint()}`);
        await component.provision?.(say);
        continue;
      }
      if (component.isExternal()) {
        throw new Error(`${component.name}: the configured server ${component.endpoint()} does not answer`);
      }
      const began = Date.now();
      await component.install();
      await component.start();
      await component.provision?.(say);
      started.push(component.name);
      say(`${component.name}: started at ${component.endpoint()} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    }
    return { started, env: connectionEnv(cfg) };
  });
}

/** Stops the named local servers (never an external one). */
export async function stop(names: ComponentName[] = allComponents, say: Say = console.log): Promise<void> {
  const cfg = loadInfraConfig();
  await withLock(cfg.stateDir, 120_000, async () => {
    // Stop in reverse order of start: clients of a server go before it.
    for (const component of components(cfg, names).reverse()) {
      if (component.isExternal()) continue;
      await component.stop();
      say(`${component.name}: stopped`);
    }
  });
}

export interface ComponentStatus {
  name: ComponentName;
  healthy: boolean;
  external: boolean;
  endpoint: string;
  log: string;
}

export async function status(names: ComponentName[] = allComponents): Promise<ComponentStatus[]> {
  const cfg = loadInfraConfig();
  const rows: ComponentStatus[] = [];
  for (const c of components(cfg, names)) {
    rows.push({ name: c.name, healthy: await c.isHealthy(), external: c.isExternal(), endpoint: c.endpoint(), log: c.logFile() });
  }
  return rows;
}

export function localConnectionEnv(): UpResult['env'] {
  return connectionEnv(loadInfraConfig());
}
