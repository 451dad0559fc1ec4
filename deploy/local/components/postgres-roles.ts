/**
 * The local PostgreSQL's login roles, one per service (sa_svc_<service>): each service runs as its
 * own role, which may append to and read its own schema and nothing else; the audit's role reads
 * the others' (the grants are made per schema by each service's `migrate`, run as the owner `sa`:
 * libs/event-store least-privilege.ts). Passwords are generated per checkout into
 * postgres-credentials.json in the state directory (mode 0600, never committed), like Kafka's.
 * Idempotent and safe from several processes at once (ensureLoginRole takes an advisory lock).
 */
import { ensureLoginRole, serviceDatabaseRole } from '@sa/event-store';
import { serviceAccess } from '@sa/messaging';
import { Client, Pool } from 'pg';
import { postgresCredentials, type InfraConfig } from '../config';

/** The platform's services (those of the Kafka access plan: every service, audit included). */
export const databaseServiceRoles = (): string[] => Object.keys(serviceAccess).map(serviceDatabaseRole);

/** Already there with this password: nothing to change (a role's password is set again only when it differs). */
async function logsIn(cfg: InfraConfig, role: string, password: string): Promise<boolean> {
  const pg = cfg.postgres;
  const client = new Client({ host: pg.host, port: pg.port, user: role, password, database: pg.database });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function provisionServiceRoles(cfg: InfraConfig, say: (line: string) => void = () => undefined): Promise<void> {
  const pg = cfg.postgres;
  const roles = databaseServiceRoles();
  const passwords = postgresCredentials(cfg, roles);
  const pool = new Pool({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database, max: 1 });
  const created: string[] = [];
  try {
    for (const role of roles) {
      const password = passwords[role] ?? '';
      if (await logsIn(cfg, role, password)) continue;
      if ((await ensureLoginRole(pool, role, password)) === 'created') created.push(role);
    }
  } finally {
    await pool.end();
  }
  if (created.length > 0) say(`postgres: service roles ${created.join(', ')} created`);
}
