import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-1 of a namespace and name) that is the same every time for the same
 * inputs: events appended because of an inbound message get ids derived from that message, so a
 * redelivery produces the same ids and the event store's idempotency absorbs it.
 */
export function deterministicUuid(...parts: string[]): string {
  const hash = createHash('sha1').update('social-assistance:').update(parts.join('\u001f')).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
