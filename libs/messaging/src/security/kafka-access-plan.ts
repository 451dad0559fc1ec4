/**
 * Who may say what on Kafka: one principal per service and per county department, each with the
 * ACLs it needs and nothing more (KRaft StandardAuthorizer; a principal without an ACL is refused).
 *
 * - A service writes its own topics and the dead-letter topics of the topics it consumes, reads the
 *   topics it consumes with its own consumer groups, and may describe the receipts topic it checks
 *   at start-up. It never creates a topic: `sa-provisioner` does, before the services start.
 * - A county department (部门) writes only `county.<department>.*` and reads the receipts topic
 *   with groups named after itself. The receipts topic is one for every department (contract
 *   sa.county-data.receipt v1): a department can read the others' receipts, which carry message
 *   ids, topics and reasons but never a resident ID. Receipts per department would be a new version.
 * - `sa-admin` is the broker's super user (operators, ACL and user management, tests' clean-up).
 *
 * Topic and group prefixes (KAFKA_TOPIC_PREFIX, KAFKA_CONSUMER_GROUP_PREFIX) let a test run or a
 * second deployment on one cluster get the same rights on its own names only.
 */
import type { Acl } from '@platformatic/kafka';
import {
  applicationsTopicV1,
  casesTopicV1,
  checkpointsTopicV1,
  countyDataContracts,
  deadLetterTopicOf,
  economicChecksTopicV1,
  entitlementsTopicV1,
  findingsTopicV1,
  paymentsTopicV1,
  payrollBatchesTopicV1,
  periodicReviewsTopicV1,
  receiptsTopicV1,
  referralsTopicV1,
  reserveFundsTopicV1,
  residentDeathV1,
  temporaryCasesTopicV1,
  temporaryDecisionsTopicV1,
  temporaryStagesTopicV1,
} from '@sa/contracts';

export const adminPrincipal = 'sa-admin';
export const provisionerPrincipal = 'sa-provisioner';

interface ServiceAccess {
  readonly publishes: readonly string[];
  /** Consumer group name (without prefix) → the topics it reads. */
  readonly consumes: Readonly<Record<string, readonly string[]>>;
  /** Writes receipts for the county messages it consumes. */
  readonly receipts?: boolean;
}

const countyTopics = [...new Set(countyDataContracts.map((c) => c.topic))];

/** Mirrors each service's publication and consumption declarations (apps/<service>/src/.../integration.ts). */
export const serviceAccess: Readonly<Record<string, ServiceAccess>> = {
  intake: {
    publishes: [applicationsTopicV1, temporaryCasesTopicV1],
    consumes: { 'intake-case-decisions': [casesTopicV1], 'intake-entitlements': [entitlementsTopicV1], 'intake-reserve-fund-draws': [reserveFundsTopicV1] },
  },
  verification: {
    publishes: [economicChecksTopicV1],
    consumes: {
      'verification-applications': [applicationsTopicV1],
      'verification-cases': [casesTopicV1],
      'verification-county-data': countyTopics,
      'verification-caseload': [entitlementsTopicV1],
    },
    receipts: true,
  },
  approval: {
    publishes: [casesTopicV1, temporaryDecisionsTopicV1, periodicReviewsTopicV1],
    consumes: {
      'approval-case-inputs': [applicationsTopicV1, economicChecksTopicV1],
      'approval-temporary-cases': [temporaryCasesTopicV1],
      // Its own approvals schedule each case's first periodic review.
      'approval-periodic-review-schedule': [casesTopicV1],
    },
  },
  payments: {
    publishes: [entitlementsTopicV1, paymentsTopicV1, payrollBatchesTopicV1, reserveFundsTopicV1, temporaryStagesTopicV1],
    consumes: {
      'payments-case-approvals': [casesTopicV1],
      'payments-resident-deaths': [residentDeathV1.topic],
      'payments-temporary-decisions': [temporaryDecisionsTopicV1],
      'payments-temporary-cases': [temporaryCasesTopicV1],
      'payments-periodic-reviews': [periodicReviewsTopicV1],
    },
  },
  'charity-referral': {
    publishes: [referralsTopicV1],
    consumes: { 'charity-referral-case-decisions': [casesTopicV1], 'charity-referral-temporary-decisions': [temporaryDecisionsTopicV1] },
  },
  audit: { publishes: [findingsTopicV1, checkpointsTopicV1], consumes: {} },
};

/** The county departments that publish data, from the catalogue: county.<department>.<event>. */
export const countyDepartments: readonly string[] = [...new Set(countyDataContracts.map((c) => departmentOfType(c.type)))];

export function departmentOfType(type: string): string {
  const [scope, department] = type.split('.');
  if (scope !== 'county' || !department) throw new Error(`"${type}" is not a county message type`);
  return department;
}

export const servicePrincipal = (service: string): string => `svc-${service}`;
export const departmentPrincipal = (department: string): string => `county-${department}`;

export interface AccessPlanOptions {
  readonly topicPrefix?: string;
  readonly groupPrefix?: string;
}

/** Every principal the plan names (their SCRAM users must exist). */
export function planPrincipals(): string[] {
  return [adminPrincipal, provisionerPrincipal, ...Object.keys(serviceAccess).map(servicePrincipal), ...countyDepartments.map(departmentPrincipal)];
}

type Operation = 'READ' | 'WRITE' | 'CREATE' | 'DESCRIBE' | 'DESCRIBE_CONFIGS';
const operationCodes: Record<Operation, Acl['operation']> = { READ: 3, WRITE: 4, CREATE: 5, DESCRIBE: 8, DESCRIBE_CONFIGS: 10 };
const resourceCodes = { TOPIC: 2, GROUP: 3, CLUSTER: 4 } as const;
const patternCodes = { LITERAL: 3, PREFIXED: 4 } as const;

function allow(
  principal: string,
  resource: keyof typeof resourceCodes,
  name: string,
  pattern: keyof typeof patternCodes,
  operations: readonly Operation[],
): Acl[] {
  return operations.map((op) => ({
    principal: `User:${principal}`,
    host: '*',
    resourceType: resourceCodes[resource],
    resourceName: name,
    resourcePatternType: patternCodes[pattern],
    operation: operationCodes[op],
    permissionType: 3, // ALLOW
  }));
}

function serviceAcls(service: string, access: ServiceAccess, topic: (name: string) => string, group: (name: string) => string): Acl[] {
  const who = servicePrincipal(service);
  const consumed = [...new Set(Object.values(access.consumes).flat())];
  return [
    ...access.publishes.flatMap((t) => [
      ...allow(who, 'TOPIC', topic(t), 'LITERAL', ['WRITE', 'DESCRIBE']),
      // Start-up checks every topic it uses has its dead-letter topic; the consumers write there.
      ...allow(who, 'TOPIC', topic(deadLetterTopicOf(t)), 'LITERAL', ['DESCRIBE']),
    ]),
    ...consumed.flatMap((t) => [
      ...allow(who, 'TOPIC', topic(t), 'LITERAL', ['READ', 'DESCRIBE']),
      ...allow(who, 'TOPIC', topic(deadLetterTopicOf(t)), 'LITERAL', ['WRITE', 'DESCRIBE']),
    ]),
    ...Object.keys(access.consumes).flatMap((g) => allow(who, 'GROUP', group(g), 'LITERAL', ['READ', 'DESCRIBE'])),
    ...allow(who, 'TOPIC', topic(receiptsTopicV1), 'LITERAL', access.receipts ? ['WRITE', 'DESCRIBE'] : ['DESCRIBE']),
    ...allow(who, 'TOPIC', topic(deadLetterTopicOf(receiptsTopicV1)), 'LITERAL', ['DESCRIBE']),
  ];
}

function departmentAcls(department: string, topic: (name: string) => string, group: (name: string) => string): Acl[] {
  const who = departmentPrincipal(department);
  return [
    ...allow(who, 'TOPIC', topic(`county.${department}.`), 'PREFIXED', ['WRITE', 'DESCRIBE']),
    ...allow(who, 'TOPIC', topic(receiptsTopicV1), 'LITERAL', ['READ', 'DESCRIBE']),
    ...allow(who, 'GROUP', group(`${who}.`), 'PREFIXED', ['READ', 'DESCRIBE']),
  ];
}

/** The ACLs of every service and department principal, and the provisioner's right to create topics. */
export function kafkaAccessPlan(options: AccessPlanOptions = {}): Acl[] {
  const topic = (name: string) => `${options.topicPrefix ?? ''}${name}`;
  const group = (name: string) => `${options.groupPrefix ?? ''}${name}`;
  return [
    ...allow(provisionerPrincipal, 'CLUSTER', 'kafka-cluster', 'LITERAL', ['CREATE', 'DESCRIBE']),
    // Every topic of this deployment: '*' without a prefix (Kafka refuses an empty prefix).
    ...(options.topicPrefix
      ? allow(provisionerPrincipal, 'TOPIC', options.topicPrefix, 'PREFIXED', ['CREATE', 'DESCRIBE', 'DESCRIBE_CONFIGS'])
      : allow(provisionerPrincipal, 'TOPIC', '*', 'LITERAL', ['CREATE', 'DESCRIBE', 'DESCRIBE_CONFIGS'])),
    ...Object.entries(serviceAccess).flatMap(([service, access]) => serviceAcls(service, access, topic, group)),
    ...countyDepartments.flatMap((department) => departmentAcls(department, topic, group)),
  ];
}

/** Every topic the platform uses with its dead-letter topic, as the provisioner creates them. */
export function platformTopics(topicPrefix = ''): string[] {
  const topics = new Set<string>([receiptsTopicV1, ...countyTopics]);
  for (const access of Object.values(serviceAccess)) for (const t of [...access.publishes, ...Object.values(access.consumes).flat()]) topics.add(t);
  return [...topics].map((t) => `${topicPrefix}${t}`);
}
