/**
 * `npm start`: the whole platform on this machine. Installs and starts the local servers (Kafka,
 * PostgreSQL, FerretDB) that are not already running, builds the five services, starts each as its
 * own process, waits until every /health/ready answers 200 and prints where they listen.
 * The services are supervised: one that exits (a crash, `kill -9`) is restarted with capped
 * backoff, and the others keep running (a service whose servers are away waits for them, 503).
 * Ctrl-C (or SIGTERM) stops the services, then the servers this command started.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { ensureUp, stop } from '../../deploy/local/infra';
import { migrationEnv, runMigration } from './database-roles';
import { repoRoot, serviceEntry, serviceEnv, services, type ServiceSpec } from './services';
import { Supervisor } from './supervisor';

function build(): void {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build/compile.ts', '--all'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the services failed');
}

function startService(spec: ServiceSpec, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', serviceEntry(spec.name)], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${spec.name}] `;
  const forward = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) =>
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) out.write(`${prefix}${line}\n`);
    });
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  return child;
}

/** Polls readiness; a service that exits meanwhile is restarted by the supervisor, so this only waits. */
async function waitReady(spec: ServiceSpec, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${spec.port}/health/ready`);
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  console.error(`${spec.name} was not ready within ${timeoutMs / 1000} s; it keeps running (see its /health/ready for what it waits for)`);
  return false;
}

async function main(): Promise<void> {
  const infra = await ensureUp();
  // SA_ALLOW_CLOCK_CONTROL=true lets the README walk-through move the services' clocks (a 7-day
  // public notice, next month's payroll); development only, never in production.
  const demo: Record<string, string> = process.env.SA_ALLOW_CLOCK_CONTROL === 'true' ? { ALLOW_CLOCK_CONTROL: 'true' } : {};
  // AUDIT_CHECKPOINT_* given to npm start reach the audit service: it then signs checkpoints of every store (README "Security").
  const checkpoints = Object.fromEntries(
    ['AUDIT_CHECKPOINT_KEY_FILE', 'AUDIT_CHECKPOINT_PUBLIC_KEY_FILE', 'AUDIT_CHECKPOINT_FILE'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name] as string]] : [],
    ),
  );
  const envOf = (spec: ServiceSpec) => serviceEnv(spec, infra.env, spec.name === 'audit' ? { ...demo, ...checkpoints } : demo);
  const supervisor = new Supervisor(
    services.map((spec) => ({ name: spec.name, spawn: () => startService(spec, envOf(spec)) })),
    { log: (line) => console.error(`[supervisor] ${line}`) },
  );
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the services…');
    await supervisor.stop();
    // The servers go last: services drain their consumers and relays against them first.
    if (infra.started.length > 0) {
      console.log(`Stopping ${infra.started.join(', ')}…`);
      await stop(infra.started);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  try {
    build();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
    return;
  }
  try {
    // Each schema migrated as its owner, its service's role and the audit's granted: the services then run as their own roles.
    await Promise.all(services.map((spec) => runMigration(spec.name, serviceEntry(spec.name), migrationEnv(spec.name, envOf(spec), infra.env), repoRoot)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
    return;
  }
  supervisor.start();
  const ready = await Promise.all(services.map((spec) => waitReady(spec)));
  if (stopping) return;
  console.log(ready.every(Boolean) ? '\nThe platform is running:' : '\nThe platform is running (some services are not ready yet):');
  for (const spec of services) {
    console.log(`  ${spec.name.padEnd(17)} http://127.0.0.1:${spec.port}   API docs: http://127.0.0.1:${spec.port}/docs   ready: /health/ready`);
  }
  console.log('\nKafka', infra.env.KAFKA_BROKERS, '· PostgreSQL', infra.env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@'), '· MongoDB', infra.env.MONGODB_URL);
  // process.execPath is node_modules/.bin/node (the `node` devDependency) under npm start, whatever Node the machine has.
  console.log(`Services run on Node ${process.version} (${process.execPath}).`);
  console.log('Press Ctrl-C to stop.');
}

void main();
