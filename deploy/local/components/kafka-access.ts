/**
 * The local broker's security (SA_KAFKA_SECURITY=sasl_ssl, the default; sasl without TLS): clients
 * log in with SCRAM-SHA-512 over TLS (kafka-tls.ts: this checkout's CA) and KRaft's StandardAuthorizer allows only what the access plan's ACLs say
 * (libs/messaging/src/security/kafka-access-plan.ts). The controller listener, which only the
 * broker itself uses, takes SASL PLAIN with a user of its own (KRaft controllers cannot check SCRAM:
 * SCRAM credentials live in the metadata the controller serves). Passwords are generated per
 * checkout (kafka-credentials.json in the state directory, mode 0600) and never committed.
 *
 * Production differs in the certificates (a CA of the deployment's) and in where the passwords come
 * from (the deployment's secret store), see README "Security".
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  adminPrincipal,
  createAcls,
  kafkaAccessPlan,
  planPrincipals,
  platformTopics,
  provisionTopics,
  provisionerPrincipal,
  upsertScramUsers,
  type KafkaClientOptions,
} from '@sa/messaging';
import { kafkaCredentials, type InfraConfig } from '../config';
import { brokerCaFile, ensureBrokerTls, type BrokerTls } from './kafka-tls';

const controllerPrincipal = 'sa-controller';

function jaasQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** server.properties lines for the listeners: SASL with ACLs, or plaintext without. */
export function listenerProperties(cfg: InfraConfig): string[] {
  const k = cfg.kafka;
  if (k.security === 'plaintext') {
    return [
      `listeners=PLAINTEXT://${k.host}:${k.port},CONTROLLER://${k.host}:${k.controllerPort}`,
      `advertised.listeners=PLAINTEXT://${k.host}:${k.port}`,
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
    ];
  }
  const secrets = kafkaCredentials(cfg, [adminPrincipal, controllerPrincipal]);
  const admin = secrets[adminPrincipal]!;
  const controller = secrets[controllerPrincipal]!;
  // Clients' listener: SASL over TLS by default; the controller's stays on loopback inside the broker's own process.
  const listener = k.security === 'sasl_ssl' ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  return [
    `listeners=${listener}://${k.host}:${k.port},CONTROLLER://${k.host}:${k.controllerPort}`,
    `advertised.listeners=${listener}://${k.host}:${k.port}`,
    `listener.security.protocol.map=${listener}:${listener},CONTROLLER:SASL_PLAINTEXT`,
    `inter.broker.listener.name=${listener}`,
    ...(k.security === 'sasl_ssl' ? tlsProperties(ensureBrokerTls(cfg)) : []),
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    `listener.name.${listener.toLowerCase()}.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=${jaasQuote(adminPrincipal)} password=${jaasQuote(admin)};`,
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=${jaasQuote(controllerPrincipal)} password=${jaasQuote(controller)} user_${controllerPrincipal}=${jaasQuote(controller)};`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${adminPrincipal};User:${controllerPrincipal}`,
    // A principal without an ACL is refused (the default, said out loud).
    'allow.everyone.if.no.acl.found=false',
  ];
}

/** The broker's key and the CA it trusts (its own connections to itself check the certificate like any client). */
function tlsProperties(tls: BrokerTls): string[] {
  return [
    'ssl.keystore.type=PKCS12',
    `ssl.keystore.location=${tls.keystore}`,
    `ssl.keystore.password=${tls.password}`,
    `ssl.key.password=${tls.password}`,
    'ssl.truststore.type=PKCS12',
    `ssl.truststore.location=${tls.truststore}`,
    `ssl.truststore.password=${tls.password}`,
    'ssl.endpoint.identification.algorithm=https',
  ];
}

/** StorageTool arguments that create the super user's SCRAM credential with the metadata log. */
export function formatArguments(cfg: InfraConfig): string[] {
  if (cfg.kafka.security === 'plaintext') return [];
  const admin = kafkaCredentials(cfg, [adminPrincipal])[adminPrincipal]!;
  return ['--add-scram', `SCRAM-SHA-512=[name=${adminPrincipal},password=${admin}]`];
}

/** A SASL broker keeps its data apart from a plaintext one: switching modes never reuses the other's log. */
export function dataDirName(cfg: InfraConfig): string {
  return cfg.kafka.security === 'plaintext' ? 'data' : 'data-sasl';
}

function clientAs(cfg: InfraConfig, endpoint: string, principal: string, password: string): KafkaClientOptions {
  const tls = cfg.kafka.security === 'sasl_ssl' ? { tls: { ca: readFileSync(brokerCaFile(cfg), 'utf8') } } : {};
  return { bootstrapBrokers: endpoint.split(','), clientId: 'sa-infra', sasl: { mechanism: 'SCRAM-SHA-512', username: principal, password }, ...tls };
}

/**
 * Users, ACLs and the platform's topics, applied when the plan changed since the last time (a hash
 * of them in the state directory), so an `up` against a running broker costs nothing.
 */
export async function provisionAccess(cfg: InfraConfig, endpoint: string, dir: string, say: (line: string) => void = () => undefined): Promise<void> {
  if (cfg.kafka.security === 'plaintext') return;
  const principals = planPrincipals();
  const secrets = kafkaCredentials(cfg, principals);
  const acls = kafkaAccessPlan();
  const topics = platformTopics();
  const digest = createHash('sha256').update(JSON.stringify({ principals, acls, topics, secrets })).digest('hex');
  const marker = join(dir, 'access-provisioned');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) return;
  const admin = clientAs(cfg, endpoint, adminPrincipal, secrets[adminPrincipal]!);
  await upsertScramUsers(
    admin,
    principals.filter((p) => p !== adminPrincipal).map((name) => ({ name, password: secrets[name]! })),
  );
  await createAcls(admin, acls);
  // Topics are created by the provisioning principal: services and county systems cannot create any.
  const provisioner = clientAs(cfg, endpoint, provisionerPrincipal, secrets[provisionerPrincipal]!);
  await retried(() => provisionTopics({ kafka: provisioner, topics, partitions: 3 }), 20_000);
  writeFileSync(marker, digest);
  say(`kafka: ${principals.length} principals, ${acls.length} ACLs, ${topics.length} topics (and their dead-letter topics) provisioned`);
}

/** The provisioner's new credential reaches the broker's metadata a moment after it is written. */
async function retried<T>(action: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await action();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
