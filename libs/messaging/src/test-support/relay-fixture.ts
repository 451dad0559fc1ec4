/**
 * For the relay's integration test and the end-to-end benchmark: a small domain (applications
 * that are withdrawn) mapped onto the real sa.intake.application-withdrawn contract on a topic of
 * the test's own.
 */
import { applicationWithdrawnV1 } from '@sa/contracts';
import type { Actor, NewEvent, RecordedEvent } from '@sa/event-store';
import { integrationEvent, type IntegrationEventMapping } from '../relay/integration-event-mapping';
import { onTestTopic } from './kafka-test-kit';

export const intakeWorker: Actor = { userId: 'u-intake-0012', role: 'intake-worker', orgUnit: '330102001' };

interface ApplicationWithdrawn {
  readonly applicationId: string;
  readonly reason: string;
}

export function applicationWithdrawn(applicationId: string, reason: string, occurredAt?: string): NewEvent<ApplicationWithdrawn> {
  return { type: 'ApplicationWithdrawn', data: { applicationId, reason }, actor: intakeWorker, ...(occurredAt ? { occurredAt } : {}) };
}

export function withdrawalMapping(topic: string): IntegrationEventMapping {
  const contract = onTestTopic(applicationWithdrawnV1, topic);
  return {
    ApplicationWithdrawn: (event: RecordedEvent) => {
      const data = event.data as ApplicationWithdrawn;
      return integrationEvent(contract, {
        applicationId: data.applicationId,
        reason: data.reason,
        withdrawnBy: event.actor as typeof intakeWorker,
        withdrawnAt: event.occurredAt,
      });
    },
  };
}
