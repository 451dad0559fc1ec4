/**
 * A run's Kafka rights (end-to-end tests, the chaos suite): on a SASL broker each service logs in
 * as its own principal, which may use only the topics and groups of the access plan. A run has
 * topics and groups of its own (its prefix), so the run, as the broker's operator (the
 * connection's super user), grants the plan on that prefix, creates the run's topics (services
 * cannot create any) and takes the grants back when it ends.
 */
import { createAcls, deleteAcls, kafkaAccessPlan, kafkaClientOptions, platformTopics, provisionTopics } from '@sa/messaging';
import type { InfraEnv } from './services';

export interface RunAccess {
  revoke(): Promise<void>;
}

export async function grantRunAccess(prefix: string, infra: InfraEnv): Promise<RunAccess> {
  if (!infra.KAFKA_SASL_MECHANISM || !infra.SA_KAFKA_CREDENTIALS_FILE) return { revoke: async () => undefined };
  const operator = kafkaClientOptions(infra.KAFKA_BROKERS.split(','), 'run-operator', { ...infra });
  const acls = kafkaAccessPlan({ topicPrefix: prefix, groupPrefix: prefix });
  await createAcls(operator, acls);
  await provisionTopics({ kafka: operator, topics: platformTopics(prefix), partitions: 3 });
  return { revoke: () => deleteAcls(operator, acls) };
}
