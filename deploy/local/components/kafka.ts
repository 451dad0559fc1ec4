/**
 * Apache Kafka, single node in KRaft mode, from the `org.apache.kafka:kafka_2.13` jars on Maven
 * Central (resolved once with `mvn dependency:copy-dependencies` into the shared cache), formatted
 * with Kafka's own storage tool and run with the machine's Java.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaClientOptions } from '@sa/messaging';
import type { InfraConfig } from '../config';
import { connectionEnv, repoRoot } from '../config';
import { requirePrograms, javaMajorVersion } from '../lib/prerequisites';
import { isAlive, readPid, removeFile, run, spawnDetached, stopPid, tcpReachable, waitUntil } from '../lib/process';
import type { Component } from './component';
import { dataDirName, formatArguments, listenerProperties, provisionAccess } from './kafka-access';
import { brokerCaFile } from './kafka-tls';

const securityNames = { sasl_ssl: 'SASL_SSL (SCRAM-SHA-512 over TLS, sa-admin)', sasl: 'SASL (SCRAM-SHA-512, sa-admin)', plaintext: 'plaintext' } as const;

export class KafkaComponent implements Component {
  readonly name = 'kafka';
  private readonly dir: string;
  private readonly libDir: string;

  constructor(private readonly cfg: InfraConfig) {
    this.dir = join(cfg.stateDir, 'kafka');
    this.libDir = join(cfg.cacheDir, 'kafka', cfg.kafka.version, 'libs');
  }

  isExternal(): boolean {
    return this.cfg.kafka.externalBrokers !== undefined;
  }

  endpoint(): string {
    return this.cfg.kafka.externalBrokers ?? `${this.cfg.kafka.host}:${this.cfg.kafka.port}`;
  }

  logFile(): string {
    return join(this.dir, 'kafka.log');
  }

  private get pidFile(): string {
    return join(this.dir, 'kafka.pid');
  }

  async install(): Promise<void> {
    requirePrograms('Kafka', ['java', 'mvn']);
    const java = javaMajorVersion();
    if (java !== undefined && java < 17) throw new Error(`Kafka ${this.cfg.kafka.version} needs Java 17 or newer; found Java ${java}`);
    const marker = join(this.libDir, '.complete');
    if (existsSync(marker)) return;
    mkdirSync(this.libDir, { recursive: true });
    run('mvn', [
      '-q',
      '-B',
      '-f',
      join(repoRoot, 'deploy', 'local', 'kafka', 'pom.xml'),
      `-Dkafka.version=${this.cfg.kafka.version}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${this.libDir}`,
      '-DincludeScope=runtime',
    ]);
    if (!readdirSync(this.libDir).some((file) => file.startsWith('kafka_2.13-'))) {
      throw new Error(`Maven finished but ${this.libDir} has no kafka_2.13 jar`);
    }
    writeFileSync(marker, new Date().toISOString());
  }

  async isHealthy(): Promise<boolean> {
    const [host, port] = this.endpoint().split(',')[0]!.split(':');
    if (!(await tcpReachable(host!, Number(port)))) return false;
    return this.answersMetadata();
  }

  async start(): Promise<void> {
    const existing = readPid(this.pidFile);
    const k = this.cfg.kafka;
    if (isAlive(existing) && this.startedWithOtherSecurity()) {
      throw new Error(
        `Kafka (pid ${existing}) was started by this checkout with other listeners than ${securityNames[k.security]} (${join(this.dir, 'server.properties')}): ` +
          'restart it once to switch: `npm run infra:down -- kafka && npm run infra:up`; or set SA_KAFKA_SECURITY as it was started (sasl: SASL without TLS).',
      );
    }
    if (isAlive(existing)) throw new Error(`Kafka (pid ${existing}) is running but not answering; see ${this.logFile()}`);
    if (await tcpReachable(k.host, k.port)) {
      // Someone listens there but does not take this checkout's login: most likely a broker started
      // before SASL became the default (or by another checkout). Never start a second one on top.
      throw new Error(
        `a server on ${this.endpoint()} does not answer as this checkout's ${securityNames[k.security]} broker. ` +
          'If it is a broker this checkout started before TLS (or SASL) was the default, restart it once: `npm run infra:down -- kafka && npm run infra:up`; ' +
          'or run with SA_KAFKA_SECURITY=sasl (SASL without TLS) or plaintext, as it was started, or choose another SA_KAFKA_PORT.',
      );
    }
    mkdirSync(this.dir, { recursive: true });
    const properties = this.writeServerProperties();
    if (!existsSync(join(this.dir, dataDirName(this.cfg), 'meta.properties'))) this.format(properties);
    spawnDetached(
      'java',
      [
        `-Xms${Math.min(256, this.cfg.kafka.heapMb)}m`,
        `-Xmx${this.cfg.kafka.heapMb}m`,
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-Djava.awt.headless=true',
        `-Dlog4j2.configurationFile=${join(repoRoot, 'deploy', 'local', 'kafka', 'log4j2.yaml')}`,
        '-cp',
        join(this.libDir, '*'),
        'kafka.Kafka',
        properties,
      ],
      { logFile: this.logFile(), pidFile: this.pidFile, cwd: this.dir },
    );
    await waitUntil(
      `Kafka on ${this.endpoint()} (log: ${this.logFile()})`,
      async () => {
        if (!isAlive(readPid(this.pidFile))) throw new Error('the broker process exited');
        return this.isHealthy();
      },
      90_000,
    );
  }

  /** Users, ACLs and topics of the access plan (a no-op when they are current, or on a plaintext or external broker). */
  async provision(say?: (line: string) => void): Promise<void> {
    if (this.isExternal()) return;
    await provisionAccess(this.cfg, this.endpoint(), this.dir, say);
  }

  async stop(): Promise<void> {
    // A broker asked to stop shuts down in a controlled way; give it time before forcing it.
    await stopPid(readPid(this.pidFile), 30_000);
    removeFile(this.pidFile);
  }

  private java(mainClass: string, args: string[]): string {
    return run('java', ['-Xmx256m', '-cp', join(this.libDir, '*'), mainClass, ...args], { cwd: this.dir });
  }

  private format(properties: string): void {
    const clusterId = this.java('kafka.tools.StorageTool', ['random-uuid']).trim().split('\n').pop()!;
    this.java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', properties, '--standalone', ...formatArguments(this.cfg)]);
  }

  private writeServerProperties(): string {
    const k = this.cfg.kafka;
    const file = join(this.dir, 'server.properties');
    const lines = [
      '# Generated by deploy/local/components/kafka.ts; edits are overwritten at start.',
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.bootstrap.servers=${k.host}:${k.controllerPort}`,
      'controller.listener.names=CONTROLLER',
      ...listenerProperties(this.cfg),
      `log.dirs=${join(this.dir, dataDirName(this.cfg))}`,
      'num.partitions=3',
      // Topics are declared by the services (libs/contracts), never created by a typo.
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'log.retention.hours=168',
    ];
    // Holds the super user's and the controller's passwords: readable by this user only.
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return file;
  }

  /** The running broker's listeners (its server.properties) are not the ones this configuration asks for. */
  private startedWithOtherSecurity(): boolean {
    const file = join(this.dir, 'server.properties');
    if (!existsSync(file)) return false;
    const started = readFileSync(file, 'utf8').match(/^listeners=(\w+):/m)?.[1];
    const wanted = { sasl_ssl: 'SASL_SSL', sasl: 'SASL_PLAINTEXT', plaintext: 'PLAINTEXT' }[this.cfg.kafka.security];
    return started !== undefined && started !== wanted;
  }

  /** A real Kafka request (metadata), not just an open port: the broker has finished starting. */
  private async answersMetadata(): Promise<boolean> {
    const { Admin } = await import('@platformatic/kafka');
    // Before the first TLS start there is no CA to trust yet: nothing of ours can be answering.
    if (this.cfg.kafka.security === 'sasl_ssl' && !existsSync(brokerCaFile(this.cfg))) return false;
    const admin = new Admin({
      ...kafkaClientOptions(this.endpoint().split(','), 'sa-infra-probe', connectionEnv(this.cfg)),
      timeout: 3000,
      retries: 0,
    });
    try {
      await admin.listTopics();
      return true;
    } catch {
      return false;
    } finally {
      await admin.close().catch(() => undefined);
    }
  }
}
