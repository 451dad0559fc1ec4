import { BadRequestException } from '@nestjs/common';
import { residentIdProblem, describeResidentIdProblem } from '@sa/domain-shared';
import { z } from 'zod';
import { validate } from './zod-validation';

const Body = z.object({
  household: z.object({
    members: z.array(
      z.object({
        residentId: z.string().superRefine((value, ctx) => {
          const problem = residentIdProblem(value);
          if (problem) ctx.addIssue({ code: 'custom', message: describeResidentIdProblem(problem) });
        }),
        monthlyIncomeFen: z.number().int().min(0),
      }),
    ),
  }),
});

describe('request validation', () => {
  it('passes valid bodies through', () => {
    const body = { household: { members: [{ residentId: '11010519491231002X', monthlyIncomeFen: 180000 }] } };
    expect(validate(Body).transform(body)).toEqual(body);
  });

  it('answers 400 naming each field and rule', () => {
    const body = {
      household: {
        members: [
          { residentId: '11010519491231002X', monthlyIncomeFen: 1 },
          { residentId: '110105194912310021', monthlyIncomeFen: 1.5 },
        ],
      },
    };
    try {
      validate(Body).transform(body);
      throw new Error('expected a BadRequestException');
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      const response = (error as BadRequestException).getResponse() as { message: string; problems: { field: string; rule: string }[] };
      expect(response.problems.map((p) => p.field)).toEqual(['household.members.1.residentId', 'household.members.1.monthlyIncomeFen']);
      expect(response.message).toContain('household.members.1.residentId: has a wrong check character (GB 11643');
      expect(response.problems[1]?.rule).toMatch(/int/i);
    }
  });
});
