import type { Actor } from '@sa/domain-shared';

/** Detections run by the service itself are recorded under this system actor. */
export const auditSystemActor: Actor = { userId: 'audit-service', role: 'county-system', orgUnit: '000000' };
