/**
 * `npm run chaos`: the fault-and-load suite (issue #10). On its own local servers and ports it
 * drives applications to payroll while it kills each service and the broker and stops PostgreSQL
 * and the MongoDB-protocol server, then judges the stores and topics and prints a report.
 * Exit code 0 when every invariant holds, 1 when one fails, 2 on bad flags. See the README.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../platform/services';
import { gatherEvidence } from './evidence';
import { faultPlan } from './faults';
import { Fleet } from './fleet';
import { judge, type Verdict } from './invariants';
import { OptionsError, parseOptions, usage, useChaosServers } from './options';
import { recoveredFromEveryFault } from './recovery';
import { renderReport } from './report';
import { run, type RunOutcome } from './run';
import { serversUp, stopServers } from './servers';
import { grantRunAccess } from '../platform/run-access';

const began = Date.now();
const say = (line: string) => console.log(`${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s  ${line}`);

function build(): void {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build/compile.ts', '--all'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the services failed:\n${result.stdout}\n${result.stderr}`);
}

/** The pipeline may still be delivering the last messages: judge again for a while before failing. */
async function settle(databaseUrl: string, brokers: string, runId: string, outcome: RunOutcome, selfExits: string[]): Promise<Verdict[]> {
  const facts = {
    journey: outcome.applications.map((a) => a.applicationId),
    probes: outcome.probes.map((a) => a.applicationId),
    payrollMonth: outcome.payrollMonth,
    selfExits,
  };
  let verdicts: Verdict[] = [];
  for (let attempt = 1; attempt <= 4; attempt++) {
    verdicts = judge(await gatherEvidence(databaseUrl, brokers, runId), facts);
    if (verdicts.every((v) => v.ok)) break;
    if (attempt < 4) {
      say(`judging: ${verdicts.filter((v) => !v.ok).length} invariant(s) not holding yet; looking again in 15 s`);
      await new Promise((r) => setTimeout(r, 15_000));
    }
  }
  return verdicts;
}

async function main(): Promise<number> {
  const runId = `chaos_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  useChaosServers();
  const options = parseOptions(process.argv.slice(2), runId);
  say(
    `run ${runId}: ${options.count} applications, concurrency ${options.concurrency}, ${options.quick ? 'quick (one kill)' : 'every fault'}; logs in ${options.runDir}`,
  );
  build();
  const infra = await serversUp(say);
  // The run's own tools (evidence, probes) log in as the broker's super user; each service as itself,
  // on the run's prefix, which gets the access plan. Only the login: DATABASE_URL and the others set
  // here would make deploy/local take the servers for external ones and never stop them.
  for (const name of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_TLS', 'KAFKA_TLS_CA_FILE'] as const) {
    const value = infra.env[name];
    if (value) process.env[name] = value;
  }
  await grantRunAccess(`${runId}.`, infra.env);
  const fleet = new Fleet(runId, infra.env, options.basePort, options.runDir, options.restartDelayMs, say);
  // Ctrl-C: the services go with the harness (the servers stay; `npm run chaos` reuses them).
  const interrupt = () => void fleet.stopAll(5000).then(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    await fleet.startAll();
    say(`services ready in ${((await fleet.allReady(300_000)) / 1000).toFixed(1)} s on ports ${options.basePort}…${options.basePort + fleet.names.length - 1}`);
    const outcome = await run(fleet, faultPlan(options.quick), options, say);
    const selfExits = fleet.restarts.filter((r) => !r.injected).map((r) => `${r.service} (${r.cause}) at ${new Date(r.at).toISOString()}`);
    say('judging the stores and topics');
    const verdicts = [...(await settle(infra.env.DATABASE_URL, infra.env.KAFKA_BROKERS, runId, outcome, selfExits)), recoveredFromEveryFault(outcome.faults)];
    const report = renderReport(outcome, verdicts, fleet.restarts, Date.now() - began);
    console.log(report);
    mkdirSync(options.runDir, { recursive: true });
    writeFileSync(join(options.runDir, 'report.txt'), `${report}\n`);
    return verdicts.every((v) => v.ok) ? 0 : 1;
  } finally {
    await fleet.stopAll();
    if (!options.keepServers) await stopServers(infra.started, say);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof OptionsError) {
      console.error(`${error.message}\n${usage}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
