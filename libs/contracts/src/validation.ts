/**
 * Validates a payload against its contract and reports each broken rule as `{ field, rule }`,
 * e.g. `household.members[0].residentId: has a wrong check character (GB 11643, ...)`. Messages
 * never echo the offending value, so a problem list is safe to log and to send back to a county.
 */
import type { z } from 'zod';
import { contractName, type IntegrationContract } from './contract';

export interface ContractProblem {
  /** Path of the field, `(payload)` for the payload as a whole. */
  readonly field: string;
  /** The rule it broke, in words. */
  readonly rule: string;
}

export type ContractValidation<Payload> =
  { readonly ok: true; readonly payload: Payload } | { readonly ok: false; readonly problems: readonly ContractProblem[] };

export function validatePayload<Payload>(contract: IntegrationContract<Payload>, data: unknown): ContractValidation<Payload> {
  return validateWithSchema(contract.schema, data);
}

/** The same plain-language validation for any schema (the CloudEvents headers, for one). */
export function validateWithSchema<Output>(schema: z.ZodType<Output>, data: unknown): ContractValidation<Output> {
  const result = schema.safeParse(data, { error: ruleOf });
  if (result.success) return { ok: true, payload: result.data };
  return { ok: false, problems: result.error.issues.map(toProblem) };
}

/** Thrown by `parsePayload`: names the contract and every field that broke a rule. */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';
  constructor(
    readonly contract: string,
    readonly problems: readonly ContractProblem[],
  ) {
    super(`${contract}: ${formatProblems(problems)}`);
  }
}

export function parsePayload<Payload>(contract: IntegrationContract<Payload>, data: unknown): Payload {
  const result = validatePayload(contract, data);
  if (!result.ok) throw new ContractViolationError(contractName(contract), result.problems);
  return result.payload;
}

export function formatProblems(problems: readonly ContractProblem[]): string {
  return problems.map((p) => `${p.field} ${p.rule}`).join('; ');
}

/** Whether every problem is about a resident ID (answered as NACK INVALID_RESIDENT_ID rather than SCHEMA_VIOLATION). */
export function onlyResidentIdProblems(problems: readonly ContractProblem[]): boolean {
  return problems.length > 0 && problems.every((p) => /residentId$/i.test(p.field) && p.rule !== 'is required');
}

function toProblem(issue: z.core.$ZodIssue): ContractProblem {
  return { field: pathOf(issue.path), rule: issue.message };
}

function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(payload)';
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? String(part) : `${text}.${String(part)}`), '');
}

/** Plain-language rules for zod's generic issues; a schema's own message always wins. */
function ruleOf(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${article(issue.expected === 'int' ? 'integer' : issue.expected)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return sizeRule('at least', issue.origin, issue.minimum, issue.inclusive);
    case 'too_big':
      return sizeRule('at most', issue.origin, issue.maximum, issue.inclusive);
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `has unknown fields ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    default:
      return undefined;
  }
}

function sizeRule(bound: 'at least' | 'at most', origin: string, limit: number | bigint, inclusive = true): string {
  if (origin === 'string') return `must have ${bound} ${limit} characters`;
  if (origin === 'array' || origin === 'set') return `must have ${bound} ${limit} items`;
  const comparison = bound === 'at least' ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
  return `must be ${comparison} ${limit}`;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
