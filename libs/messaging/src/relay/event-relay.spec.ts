import { applicationSubmittedV1, applicationWithdrawnV1, paymentBatchIssuedV1 } from '@sa/contracts';
import type { RecordedEvent } from '@sa/event-store';

import { eventually } from '@sa/testing-infra';
import type { OutgoingRecord } from '../kafka/serial-producer';
import { InMemoryEventStore } from '../test-support/in-memory-event-store';
import type { RelayCheckpointStore } from './checkpoint-store';
import { maxBatchBytes } from './batcher';
import { EventRelay, type RecordPublisher } from './event-relay';
import { integrationEvent, type IntegrationEventMapping } from './integration-event-mapping';

class MemoryCheckpoints implements RelayCheckpointStore {
  readonly saved: number[] = [];
  position: number | undefined;
  async load() {
    return this.position;
  }
  async save(_relay: string, position: number) {
    this.saved.push(position);
    this.position = Math.max(this.position ?? -1, position);
  }
}

/** Records what was sent; can be told to fail, or to hold each send until released. */
class FakePublisher implements RecordPublisher {
  readonly batches: OutgoingRecord[][] = [];
  failuresLeft = 0;
  hold: Promise<void> | undefined;
  latencyMs = 0;
  closed = false;
  async send(records: readonly OutgoingRecord[]) {
    await this.hold;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('broker unavailable');
    }
    this.batches.push([...records]);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  ids(): string[] {
    return this.batches.flat().map((r) => headerOf(r, 'ce_id'));
  }
}

function headerOf(record: OutgoingRecord, name: string): string {
  for (const [k, v] of record.headers) if (k.toString() === name) return v.toString();
  return '';
}

const withdrawn = (event: RecordedEvent) =>
  integrationEvent(applicationWithdrawnV1, {
    ...applicationWithdrawnV1.example,
    reason: (event.data as { reason: string }).reason,
    withdrawnAt: event.occurredAt,
  });

const mapping: IntegrationEventMapping = {
  ApplicationWithdrawn: withdrawn,
  // Corrections of typos stay inside the service.
  ApplicationNoteCorrected: () => null,
};

function setup(options: { batchSize?: number } = {}) {
  const store = new InMemoryEventStore();
  const checkpoints = new MemoryCheckpoints();
  const publisher = new FakePublisher();
  const relay = new EventRelay({
    name: 'intake-relay',
    store: store.asEventStore(),
    checkpoints,
    streamPrefixes: ['application-'],
    mapping,
    source: '/sa/intake',
    publisher,
    batchSize: options.batchSize ?? 500,
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
  });
  return { store, checkpoints, publisher, relay };
}

describe('the event relay', () => {
  it('publishes mapped events with the event id as ce_id, and keeps unmapped and private events inside', async () => {
    // Given a withdrawn application, a private correction, an unmapped internal event and another category's event
    const { store, checkpoints, publisher, relay } = setup();
    const published = store.append('application-1', 'ApplicationWithdrawn', { reason: 'moved away' });
    store.append('application-1', 'ApplicationNoteCorrected', {});
    store.append('application-1', 'InternalReminderScheduled', {});
    store.append('payroll-1', 'ApplicationWithdrawn', { reason: 'other category' });

    // When the relay runs
    relay.start();
    await eventually(() => expect(checkpoints.position).toBe(store.events[1].position));
    await relay.stop();

    // Then only the mapped event of its own category left, as a valid CloudEvent keyed by the case
    expect(publisher.ids()).toEqual([published.eventId]);
    expect({ state: relay.status().state, producerClosed: publisher.closed }).toEqual({ state: 'stopped', producerClosed: true });
    const record = publisher.batches[0][0];
    expect({
      topic: record.topic,
      key: record.key?.toString(),
      type: headerOf(record, 'ce_type'),
      source: headerOf(record, 'ce_source'),
      correlation: headerOf(record, 'ce_correlationid'),
    }).toEqual({
      topic: 'sa.intake.applications.v1',
      key: applicationWithdrawnV1.example.applicationId,
      type: 'sa.intake.application-withdrawn',
      source: '/sa/intake',
      correlation: 'corr-1',
    });
    expect(JSON.parse(record.value?.toString() ?? '').reason).toBe('moved away');
  });

  it('moves the checkpoint only after Kafka acknowledged, retrying a failed batch', async () => {
    const { store, checkpoints, publisher, relay } = setup();
    publisher.failuresLeft = 3;
    const event = store.append('application-1', 'ApplicationWithdrawn', { reason: 'r' });

    relay.start();
    await eventually(() => expect(checkpoints.position).toBe(event.position));
    await relay.stop();

    // The batch failed three times and was then acknowledged once; the checkpoint was saved once, after that
    expect(publisher.ids()).toEqual([event.eventId]);
    expect(checkpoints.saved).toEqual([event.position]);
  });

  it('resumes after its checkpoint on restart, without skipping or repeating', async () => {
    const first = setup();
    const a = first.store.append('application-1', 'ApplicationWithdrawn', { reason: 'a' });
    first.relay.start();
    await eventually(() => expect(first.checkpoints.position).toBe(a.position));
    await first.relay.stop();

    // Given a later event and a new relay over the same store and checkpoints
    const b = first.store.append('application-2', 'ApplicationWithdrawn', { reason: 'b' });
    const publisher = new FakePublisher();
    const second = new EventRelay({
      name: 'intake-relay',
      store: first.store.asEventStore(),
      checkpoints: first.checkpoints,
      streamPrefixes: ['application-'],
      mapping,
      source: '/sa/intake',
      publisher,
    });
    second.start();
    await eventually(() => expect(first.checkpoints.position).toBe(b.position));
    await second.stop();

    expect(publisher.ids()).toEqual([b.eventId]);
  });

  it('batches events that arrive while a batch is in flight, one batch at a time', async () => {
    const { store, checkpoints, publisher, relay } = setup({ batchSize: 50 });
    let release!: () => void;
    publisher.hold = new Promise((resolve) => (release = resolve));
    publisher.latencyMs = 5; // a round trip to the broker
    relay.start();
    store.append('application-0', 'ApplicationWithdrawn', { reason: 'first' });
    await eventually(() => expect(relay.status().state).toBe('live'));
    for (let i = 1; i <= 120; i++) store.append(`application-${i}`, 'ApplicationWithdrawn', { reason: `r${i}` });
    release();
    await eventually(() => expect(checkpoints.position).toBe(store.events[store.events.length - 1].position));
    await relay.stop();

    expect(publisher.ids()).toEqual(store.events.map((e) => e.eventId)); // in order, each once
    expect(publisher.batches.every((batch) => batch.length <= 50)).toBe(true);
    expect(publisher.batches.length).toBeLessThan(10);
    expect(checkpoints.saved).toEqual([...checkpoints.saved].sort((x, y) => x - y)); // only forward
  });

  it('keeps each send under the broker’s message size, however many large events are waiting', async () => {
    // Given 60 payroll batch messages of 250 instructions each (about 30 kB) waiting behind a held send
    const store = new InMemoryEventStore();
    const checkpoints = new MemoryCheckpoints();
    const publisher = new FakePublisher();
    const instructions = Array.from(
      { length: 250 },
      () => paymentBatchIssuedV1.example.instructions[0] as (typeof paymentBatchIssuedV1.example.instructions)[number],
    );
    const relay = new EventRelay({
      name: 'payments-relay',
      store: store.asEventStore(),
      checkpoints,
      streamPrefixes: ['payroll-'],
      mapping: { PaymentInstructionsIssued: () => integrationEvent(paymentBatchIssuedV1, { ...paymentBatchIssuedV1.example, instructions }) },
      source: '/sa/payments',
      publisher,
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
    });
    let release!: () => void;
    publisher.hold = new Promise((resolve) => (release = resolve));
    relay.start();
    for (let i = 0; i < 60; i++) store.append('payroll-1', 'PaymentInstructionsIssued', {});
    release();
    // When they are published
    await eventually(() => expect(checkpoints.position).toBe(store.events[store.events.length - 1].position));
    await relay.stop();
    // Then all are sent, in order, each send under 900 kB
    expect(publisher.ids()).toEqual(store.events.map((e) => e.eventId));
    const sizes = publisher.batches.map((batch) => batch.reduce((sum, r) => sum + (r.value?.length ?? 0), 0));
    expect(sizes.every((bytes) => bytes <= maxBatchBytes)).toBe(true);
    expect(publisher.batches.length).toBeGreaterThan(1);
  });

  it('stops at an event its mapping turns into an invalid payload, rather than skipping or publishing it', async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new MemoryCheckpoints();
    const publisher = new FakePublisher();
    const broken: IntegrationEventMapping = {
      ApplicationWithdrawn: withdrawn,
      ApplicationSubmitted: () => integrationEvent(applicationSubmittedV1, { ...applicationSubmittedV1.example, region: '3301' + 'x' }),
    };
    const relay = new EventRelay({
      name: 'r',
      store: store.asEventStore(),
      checkpoints,
      streamPrefixes: ['application-'],
      mapping: broken,
      source: '/sa/intake',
      publisher,
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
    });
    const before = store.append('application-1', 'ApplicationWithdrawn', { reason: 'ok' });
    store.append('application-2', 'ApplicationSubmitted', {});
    store.append('application-3', 'ApplicationWithdrawn', { reason: 'after' });

    relay.start();
    await eventually(() => expect(relay.status().lastError).toMatch(/sa.intake.application-submitted.v1: region must be 2, 4, 6, 9 or 12 digits/));
    await relay.stop();

    // Everything before the bad event went out; nothing after it did; the checkpoint stops before it
    expect(publisher.ids()).toEqual([before.eventId]);
    expect(checkpoints.position).toBe(before.position);
  });
});
