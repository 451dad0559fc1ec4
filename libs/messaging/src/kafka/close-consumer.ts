import type { Consumer } from '@platformatic/kafka';

/** Closes a consumer's streams, leaves its group and disconnects (the promise form of `close(true)`). */
export function closeConsumer(consumer: Consumer): Promise<void> {
  return new Promise((resolve, reject) => consumer.close(true, (error) => (error ? reject(error) : resolve())));
}
