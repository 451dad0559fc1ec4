/**
 * Request validation with zod: a 400 whose message names each bad field and the rule it breaks,
 * e.g. "household.members.1.residentId: has a wrong check character (GB 11643)".
 */
import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
}

export function describeZodIssues(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', rule: issue.message }));
}

export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const problems = describeZodIssues(result.error.issues);
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: problems.map((p) => `${p.field}: ${p.rule}`).join('; '),
      problems,
    });
  }
}

/** Validates with the schema: `@Body(validate(SubmitApplicationRequest)) body`. */
export function validate<S extends z.ZodType>(schema: S): ZodValidationPipe<S> {
  return new ZodValidationPipe(schema);
}
