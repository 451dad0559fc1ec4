/** How messaging code reaches Kafka: brokers, a client id, and TLS/SASL when the cluster needs them. */
import type { BaseOptions } from '@platformatic/kafka';

export type KafkaClientOptions = Pick<BaseOptions, 'bootstrapBrokers' | 'clientId'> & Partial<Omit<BaseOptions, 'bootstrapBrokers' | 'clientId'>>;

/** Header maps travel as bytes so a dead-lettered message keeps exactly what arrived. */
export type RawHeaders = Map<Buffer, Buffer>;

export function toRawHeaders(headers: Readonly<Record<string, string>>): RawHeaders {
  const raw: RawHeaders = new Map();
  for (const [name, value] of Object.entries(headers)) raw.set(Buffer.from(name), Buffer.from(value));
  return raw;
}

/** Header names and values as UTF-8 text (the CloudEvents binding's encoding). The last value of a repeated header wins. */
export function headersAsText(headers: ReadonlyMap<Buffer, Buffer> | undefined): Map<string, string> {
  const text = new Map<string, string>();
  for (const [name, value] of headers ?? []) text.set(name.toString('utf8'), value?.toString('utf8') ?? '');
  return text;
}
