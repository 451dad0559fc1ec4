/**
 * Each service's PostgreSQL login as the local platform runs it (`npm start`, the end-to-end and
 * chaos runs): on the local server, whose roles deploy/local provisions (SA_PG_CREDENTIALS_FILE),
 * the service connects as its own role sa_svc_<service> — append and read its own schema, nothing
 * else — and does not migrate; its schema is migrated first by `main.js migrate` as the owner
 * (DATABASE_URL), which also grants the service's role and the audit's role (read-only) their
 * rights. Without the file (a server the user gave), services connect as DATABASE_URL's user, as before.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { serviceDatabaseRole } from '@sa/event-store';

/** What of the infrastructure's environment (services.ts InfraEnv) the logins need. */
interface InfraEnv {
  readonly DATABASE_URL: string;
  readonly SA_PG_CREDENTIALS_FILE?: string;
}

function rolePasswords(infra: InfraEnv): Record<string, string> | undefined {
  const file = infra.SA_PG_CREDENTIALS_FILE;
  if (!file || !existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** EVENT_STORE_URL as the service's own role, and no migration at start; {} when the server has no service roles. */
export function serviceDatabaseLogin(name: string, infra: InfraEnv): Record<string, string> {
  const passwords = rolePasswords(infra);
  if (!passwords) return {};
  const role = serviceDatabaseRole(name);
  const password = passwords[role];
  if (!password) throw new Error(`${infra.SA_PG_CREDENTIALS_FILE} has no password for ${role}: run \`npm run infra:up\` to provision it`);
  const url = new URL(infra.DATABASE_URL);
  url.username = role;
  url.password = password;
  return { EVENT_STORE_URL: url.toString(), SA_MIGRATE_ON_START: 'false' };
}

/** The service's environment for `main.js migrate`: as the owner, granting its role and the audit's. */
export function migrationEnv(name: string, serviceEnv: NodeJS.ProcessEnv, infra: InfraEnv): NodeJS.ProcessEnv {
  if (!rolePasswords(infra)) return { ...serviceEnv, EVENT_STORE_URL: infra.DATABASE_URL };
  const audit = serviceDatabaseRole('audit');
  return {
    ...serviceEnv,
    EVENT_STORE_URL: infra.DATABASE_URL,
    EVENT_STORE_SERVICE_ROLE: serviceDatabaseRole(name),
    ...(name === 'audit' ? {} : { EVENT_STORE_READER_ROLES: audit }),
  };
}

/** Runs `main.js migrate` of the built service; rejects with its output when it fails. */
export function runMigration(name: string, entry: string, env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, [entry, 'migrate'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', rejectRun);
    child.on('exit', (code) => (code === 0 ? resolveRun() : rejectRun(new Error(`migrating ${name} failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
}
