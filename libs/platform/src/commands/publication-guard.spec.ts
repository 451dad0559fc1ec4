import { applicationWithdrawnV1 } from '@sa/contracts';
import type { EventStore } from '@sa/event-store';
import { integrationEvent, type IntegrationEventMapping } from '@sa/messaging';
import { guardPublication, unpublishableEvent } from './publication-guard';

// The guard only keys on the store's identity; no method of it is called.
const store = {} as EventStore;
const otherStore = {} as EventStore;
const actor = { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002' };
const mapping: IntegrationEventMapping = {
  ApplicationWithdrawn: (e) => integrationEvent(applicationWithdrawnV1, e.data as never),
  NearRelativeCaseFlagged: () => null,
  Broken: () => {
    throw new Error('mapper bug');
  },
};
guardPublication(store, { streamPrefixes: ['application-'], mapping });

const withdrawn = (reason: string) => ({
  type: 'ApplicationWithdrawn',
  data: { applicationId: '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e', reason, withdrawnBy: actor, withdrawnAt: '2025-03-05T14:30:00+08:00' },
});

describe('publication guard: an event the relay could not publish is refused at its command', () => {
  it('lets through an event whose payload its contract accepts, and events that stay private', () => {
    expect(unpublishableEvent(store, 'application-1', [withdrawn('𠮷'.repeat(500)), { type: 'NearRelativeCaseFlagged', data: {} }], { actor })).toBeUndefined();
  });

  it('refuses an event whose payload its contract refuses, naming the contract field and its rule', () => {
    const rejection = unpublishableEvent(store, 'application-1', [withdrawn('𠮷'.repeat(501))], { actor });
    expect(rejection).toMatchObject({ code: 'EVENT_NOT_PUBLISHABLE', field: 'reason' });
    expect(rejection?.message).toMatch(/sa\.intake\.application-withdrawn\.v1.*reason must be at most 500 characters/);
  });

  it('refuses an event whose mapper fails, and ignores other categories and other stores', () => {
    expect(unpublishableEvent(store, 'application-1', [{ type: 'Broken', data: {} }], { actor })?.message).toMatch(/mapper bug/);
    expect(unpublishableEvent(store, 'case-1', [withdrawn('𠮷'.repeat(501))], { actor })).toBeUndefined();
    expect(unpublishableEvent(otherStore, 'application-1', [withdrawn('𠮷'.repeat(501))], { actor })).toBeUndefined();
  });
});
