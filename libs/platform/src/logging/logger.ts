/**
 * Structured JSON logs (pino) without personal data: resident ID numbers masked wherever they
 * appear, in fields or inside messages; bank account numbers (any run of 15 to 30 digits) keep
 * their last four digits; the fields that hold a person's name or a bank account are masked
 * whole (王*, ****6789). A Nest LoggerService adapter routes the framework's own logs the same way.
 */
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

const residentIdPattern = /\b(\d{6})(\d{8})(\d{3}[\dXx])\b/g;

export function maskResidentIds(text: string): string {
  return text.replace(residentIdPattern, (_m, region: string) => `${region}************`);
}

/** Bank card and account numbers are 15 to 30 digits (resident IDs, 18 characters, are masked before). */
const accountNumberPattern = /\b\d{11,26}(\d{4})\b/g;

export function maskPersonalData(text: string): string {
  return maskResidentIds(text).replace(accountNumberPattern, (_m, last: string) => `****${last}`);
}

/** Fields that carry a person's name or a bank account, whatever their value looks like. */
const nameFields = /^(accountHolder|holderName|applicantName|staffName|fullName|personName|residentName|memberName|holder)$/i;
const accountFields = /^(accountNumber|bankAccount|bankAccountNumber|cardNumber|account)$/i;

function maskField(key: string, value: unknown): unknown | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (nameFields.test(key)) return `${[...value][0]}*`;
  if (accountFields.test(key)) return `****${value.slice(-4)}`;
  return undefined;
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskPersonalData(value.message), stack: value.stack && maskPersonalData(value.stack) };
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskField(key, item) ?? maskDeep(item, depth + 1);
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
