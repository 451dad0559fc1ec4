/**
 * Applies the access plan to a broker, as its super user: SCRAM-SHA-512 credentials for every
 * principal (AlterUserScramCredentials, salted here with PBKDF2 as SCRAM defines) and the ACLs
 * (CreateAcls; an ACL that exists already is left as it is). Safe to run at every start.
 */
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { Admin, Connection, alterUserScramCredentialsV0, type Acl } from '@platformatic/kafka';
import type { KafkaClientOptions } from '../kafka/client-options';

const scramSha512 = 2; // the mechanism's code in AlterUserScramCredentials
const scramIterations = 8192;

export interface ScramUser {
  readonly name: string;
  readonly password: string;
}

/** Sets (or resets) each user's SCRAM-SHA-512 password. */
export async function upsertScramUsers(kafka: KafkaClientOptions, users: readonly ScramUser[]): Promise<void> {
  const [host, port] = String(kafka.bootstrapBrokers[0]).split(':');
  const connection = new Connection(`${kafka.clientId}-scram`, { ...(kafka.sasl ? { sasl: kafka.sasl } : {}), ...(kafka.tls ? { tls: kafka.tls } : {}) });
  try {
    await connection.connect(host!, Number(port));
    const upsertions = users.map((user) => {
      const salt = randomBytes(32);
      return {
        name: user.name,
        mechanism: scramSha512,
        iterations: scramIterations,
        salt,
        saltedPassword: pbkdf2Sync(user.password.normalize('NFKC'), salt, scramIterations, 64, 'sha512'),
      };
    });
    await alterUserScramCredentialsV0.api.async(connection, [], upsertions);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Creates the ACLs (idempotent on the broker's side). */
export async function createAcls(kafka: KafkaClientOptions, acls: readonly Acl[]): Promise<void> {
  const admin = new Admin({ ...kafka, clientId: `${kafka.clientId}-acls` });
  try {
    // CreateAcls takes many at once; chunks keep one request small.
    for (let i = 0; i < acls.length; i += 200) await admin.createAcls({ creations: acls.slice(i, i + 200) });
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** Removes the ACLs (a test run's, on its own prefix). */
export async function deleteAcls(kafka: KafkaClientOptions, acls: readonly Acl[]): Promise<void> {
  const admin = new Admin({ ...kafka, clientId: `${kafka.clientId}-acls` });
  try {
    for (let i = 0; i < acls.length; i += 200) await admin.deleteAcls({ filters: acls.slice(i, i + 200) });
  } finally {
    await admin.close().catch(() => undefined);
  }
}
