/**
 * Structured JSON logs (pino) with resident ID numbers masked wherever they appear, in fields or
 * inside messages. A Nest LoggerService adapter routes the framework's own logs the same way.
 */
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

const residentIdPattern = /\b(\d{6})(\d{8})(\d{3}[\dXx])\b/g;

export function maskResidentIds(text: string): string {
  return text.replace(residentIdPattern, (_m, region: string) => `${region}************`);
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskResidentIds(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskResidentIds(value.message), stack: value.stack && maskResidentIds(value.stack) };
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, depth + 1);
  return out;
}

export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => maskDeep(arg)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Lets NestJS log through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export type { Logger };
