/**
 * TLS on the local broker's client listener (SA_KAFKA_SECURITY=sasl_ssl, the default): a CA of this
 * checkout, made once with the JDK's keytool (Java is a prerequisite already; no openssl needed),
 * signs the broker's certificate for 127.0.0.1 and localhost. Clients trust that CA through
 * KAFKA_TLS_CA_FILE (its PEM, exported by `deploy/local/cli.ts env` and `npm test`) and check the
 * broker's name against the certificate as they would in production. Everything lives in the state
 * directory's kafka/tls (the keystore password in a 0600 file), never committed; delete the folder
 * and restart the broker to make new ones.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InfraConfig } from '../config';
import { run } from '../lib/process';

export interface BrokerTls {
  /** PEM of the CA: what clients trust (KAFKA_TLS_CA_FILE). */
  readonly caFile: string;
  /** PKCS12 keystore of the broker: its key and certificate chain. */
  readonly keystore: string;
  /** PKCS12 truststore with the CA (the broker's own connections to itself). */
  readonly truststore: string;
  readonly password: string;
}

export function tlsDir(cfg: InfraConfig): string {
  return join(cfg.stateDir, 'kafka', 'tls');
}

/** Where the CA's PEM is (or will be, once the broker has started with TLS). */
export function brokerCaFile(cfg: InfraConfig): string {
  return join(tlsDir(cfg), 'ca.pem');
}

/** The broker's certificates, made the first time (a half-made set from an interrupted run is made again). */
export function ensureBrokerTls(cfg: InfraConfig): BrokerTls {
  const dir = tlsDir(cfg);
  const files: BrokerTls = {
    caFile: brokerCaFile(cfg),
    keystore: join(dir, 'broker.p12'),
    truststore: join(dir, 'truststore.p12'),
    password: '',
  };
  const passwordFile = join(dir, 'keystore-password');
  if (![files.caFile, files.keystore, files.truststore, passwordFile].every((f) => existsSync(f))) makeCertificates(cfg, dir);
  return { ...files, password: readFileSync(passwordFile, 'utf8').trim() };
}

function makeCertificates(cfg: InfraConfig, dir: string): void {
  const work = `${dir}.new-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  const env = { ...process.env, SA_TLS_STORE_PASSWORD: password };
  const keytool = (args: string[]) => run('keytool', [...args, '-storepass:env', 'SA_TLS_STORE_PASSWORD', '-noprompt'], { cwd: work, env });
  const key = ['-keyalg', 'EC', '-groupname', 'secp256r1', '-storetype', 'PKCS12', '-keypass:env', 'SA_TLS_STORE_PASSWORD'];
  keytool(['-genkeypair', '-alias', 'ca', ...key, '-dname', 'CN=Social assistance local Kafka CA', '-ext', 'bc:c', '-validity', '3650', '-keystore', 'ca.p12']);
  keytool(['-exportcert', '-rfc', '-alias', 'ca', '-keystore', 'ca.p12', '-file', 'ca.pem']);
  keytool(['-genkeypair', '-alias', 'broker', ...key, '-dname', 'CN=localhost', '-validity', '825', '-keystore', 'broker.p12']);
  keytool(['-certreq', '-alias', 'broker', '-keystore', 'broker.p12', '-file', 'broker.csr']);
  keytool([
    '-gencert',
    '-alias',
    'ca',
    '-keystore',
    'ca.p12',
    '-infile',
    'broker.csr',
    '-outfile',
    'broker.pem',
    '-rfc',
    '-validity',
    '825',
    '-ext',
    `SAN=IP:${cfg.kafka.host},DNS:localhost`,
    '-ext',
    'EKU=serverAuth',
  ]);
  keytool(['-importcert', '-alias', 'ca', '-file', 'ca.pem', '-keystore', 'broker.p12']);
  keytool(['-importcert', '-alias', 'broker', '-file', 'broker.pem', '-keystore', 'broker.p12']);
  keytool(['-importcert', '-alias', 'ca', '-file', 'ca.pem', '-keystore', 'truststore.p12', '-storetype', 'PKCS12']);
  writeFileSync(join(work, 'keystore-password'), `${password}\n`, { mode: 0o600 });
  // The CA's key never leaves this folder; only ca.pem is handed to clients.
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
}
