/**
 * How a consumer holds its group membership. With a `groupInstanceId` (static membership,
 * KIP-345) a replica that was killed and restarts under the same id takes its old member's place at
 * once and gets its partitions back, instead of waiting for the dead member's session to expire
 * (24-30 s with the default 30 s session, issue #10). A clean stop still leaves the group
 * (LeaveGroup by member id), so its partitions move at once. Two live replicas must never share an
 * instance id: the broker fences the older one.
 */
export interface GroupMembershipOptions {
  /** 'classic' (default) or 'consumer' (KIP-848, Kafka 4.0+). */
  readonly groupProtocol?: 'classic' | 'consumer';
  /** Stable per replica (e.g. SA_INSTANCE_ID); unset = dynamic membership. */
  readonly groupInstanceId?: string;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
}

export function groupMembership(options: GroupMembershipOptions) {
  const instance = options.groupInstanceId ? { groupInstanceId: options.groupInstanceId } : {};
  if (options.groupProtocol === 'consumer') return { groupProtocol: 'consumer' as const, rebalanceTimeout: 60_000, ...instance };
  const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
  return {
    sessionTimeout,
    rebalanceTimeout: Math.max(60_000, sessionTimeout),
    heartbeatInterval: options.heartbeatIntervalMs ?? 3_000,
    ...instance,
  };
}

/** A group instance id Kafka accepts (letters, digits, '.', '_', '-'; at most 249), from a replica name and a consumer name. */
export function groupInstanceIdOf(replica: string, consumer: string): string {
  return `${replica}-${consumer}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 249);
}
