/**
 * `audit replay --case <id> [--json]`: the same replay as GET /cases/:id/history, straight from the
 * services' stores (read-only), recorded in the audit log like any other audit query, under the
 * auditor named by --auditor/--org (or AUDITOR_ID/AUDITOR_ORG_UNIT).
 *
 * With MONGODB_URL the audit service's case index says which streams to read, as for the API, and
 * only the log after its saved checkpoints is scanned; without it (or with --full-scan, or when the
 * index cannot be reached) every source's whole log is read, which is slower but needs nothing
 * but the stores. Either way the events themselves come from the stores and are verified there.
 */
import { isRegionCode, parseRegionCode, type Actor } from '@sa/domain-shared';
import { createPostgresEventStore } from '@sa/event-store';
import { connectMongo } from '@sa/platform';
import type { Connection } from 'mongoose';
import { AuditLog } from '../audit-log/audit-log';
import { AuditRecorder } from '../audit-log/audit-recorder';
import { CaseAudit } from '../cases/case-audit';
import { CaseIndex } from '../case-index/case-index';
import { CaseHistoryLoader } from '../cases/case-history-loader';
import { noDirectory, type StreamDirectory } from '../cases/stream-directory';
import { defaultSourceSchemas, parseSourceSchemas } from '../sources/source-config';
import { SourceStores } from '../sources/source-stores';
import { formatReplay } from './format-timeline';

export class UsageError extends Error {}

/** The audit service's read-model database, as the platform names it for the service `audit`. */
const caseIndexDb = 'sa_audit';

export const usage = `usage: npx tsx apps/audit/src/cli.ts replay --case <applicationId> [--json] [--full-scan] [--auditor <userId> --org <regionCode>]
environment: DATABASE_URL (or EVENT_STORE_URL), AUDIT_SOURCE_SCHEMAS (default ${defaultSourceSchemas}),
             EVENT_STORE_SCHEMA (the audit log's schema, default es_audit), AUDITOR_ID, AUDITOR_ORG_UNIT,
             MONGODB_URL and MONGODB_DB (the audit service's case index, default database ${caseIndexDb}; optional)`;

interface ReplayArgs {
  readonly applicationId: string;
  readonly json: boolean;
  readonly fullScan: boolean;
  readonly auditor: Actor;
}

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ReplayArgs {
  const [command, ...rest] = argv;
  if (command !== 'replay') throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
  const value = (flag: string) => {
    const i = rest.indexOf(flag);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const applicationId = value('--case');
  if (!applicationId || !/^[0-9a-f-]{36}$/i.test(applicationId)) throw new UsageError('--case must be an application id (a UUID)');
  const userId = value('--auditor') ?? env.AUDITOR_ID;
  const org = value('--org') ?? env.AUDITOR_ORG_UNIT;
  if (!userId || !org || !isRegionCode(org))
    throw new UsageError('the auditor must be named: --auditor <userId> --org <6, 9 or 12-digit region code> (every replay is recorded)');
  return {
    applicationId,
    json: rest.includes('--json'),
    fullScan: rest.includes('--full-scan'),
    auditor: { userId, role: 'auditor', orgUnit: parseRegionCode(org) },
  };
}

/** The case index as the replay's directory, or none (with a notice saying why the whole log is read). */
async function openDirectory(
  args: ReplayArgs,
  env: NodeJS.ProcessEnv,
  sources: SourceStores,
  notice: (text: string) => void,
): Promise<{ directory: StreamDirectory; close(): Promise<void> }> {
  const none = { directory: noDirectory, close: async () => undefined };
  if (args.fullScan || !env.MONGODB_URL) return none;
  let mongo: Connection | undefined;
  try {
    mongo = await connectMongo(env.MONGODB_URL, env.MONGODB_DB ?? caseIndexDb, { serverSelectionTimeoutMS: 3000 });
    const directory = await new CaseIndex(mongo).savedDirectory(sources.order);
    return { directory, close: () => (mongo as Connection).close() };
  } catch (error) {
    await mongo?.close().catch(() => undefined);
    notice(`the case index (MONGODB_URL) could not be read (${error instanceof Error ? error.message : String(error)}); reading every source's whole log`);
    return none;
  }
}

export async function runReplayCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  notice: (text: string) => void = () => undefined,
): Promise<void> {
  const args = parseArgs(argv, env);
  const databaseUrl = env.AUDIT_SOURCE_DATABASE_URL ?? env.DATABASE_URL ?? env.EVENT_STORE_URL;
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new UsageError('DATABASE_URL (or EVENT_STORE_URL) must be the PostgreSQL URL of the services’ event stores');
  const parsed = parseSourceSchemas(env.AUDIT_SOURCE_SCHEMAS ?? defaultSourceSchemas);
  if ('problems' in parsed) throw new UsageError(`AUDIT_SOURCE_SCHEMAS: ${parsed.problems.join('; ')}`);
  const sources = SourceStores.open({ databaseUrl, sources: parsed.sources, poolSize: 4 });
  const auditStore = createPostgresEventStore({
    connectionString: env.EVENT_STORE_URL ?? databaseUrl,
    schema: env.EVENT_STORE_SCHEMA ?? 'es_audit',
    sourceSystem: 'audit-cli',
    poolSize: 2,
  });
  const index = await openDirectory(args, env, sources, notice);
  try {
    await auditStore.migrate();
    const log = new AuditLog(auditStore);
    const cases = new CaseAudit(new CaseHistoryLoader(sources, index.directory), new AuditRecorder(log, () => new Date()), log, () => new Date());
    const view = await cases.history(args.applicationId, args.auditor, 'cli');
    out(args.json ? JSON.stringify(view, null, 2) : formatReplay(view));
  } finally {
    await index.close();
    await sources.close();
    await auditStore.close();
  }
}
