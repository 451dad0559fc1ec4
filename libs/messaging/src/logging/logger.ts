/**
 * The logger messaging code writes to: pino's shape (`logger.info(fields, message)`), injected so
 * the libraries stay framework-free and tests can capture what is logged. Nothing here logs a
 * resident ID: county topics are keyed by them, so keys go through `maskKey` first.
 */
import { maskResidentId } from '@sa/domain-shared';

export interface MessagingLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: MessagingLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

const residentIdPattern = /\d{17}[\dXx]/g;

/** A Kafka key fit for a log line: resident IDs (the key of county topics) keep only their region code. */
export function maskKey(key: string | undefined | null): string | undefined {
  if (key === undefined || key === null) return undefined;
  return key.replace(residentIdPattern, (id) => maskResidentId(id));
}

/** Error text fit for a log line or a dead-letter header: any resident ID inside is masked. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(residentIdPattern, (id) => maskResidentId(id)).slice(0, 2000);
}
