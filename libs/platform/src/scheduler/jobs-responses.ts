/** What the jobs endpoints answer, for their contracts. */
import { z } from 'zod';

export const jobParams = z.object({ name: z.string().min(1).describe('A job name, as GET /admin/jobs lists them.') });

export const jobsAnswer = z.object({
  jobs: z.array(z.string()).describe('Every scheduled job of this service.'),
  regional: z.array(z.string()).describe('The jobs a run can limit to the caller’s region.'),
});

export const jobRunAnswer = z.object({
  job: z.string(),
  region: z.string().optional().describe('The region the run was limited to; absent when a platform operator ran it for every region.'),
  result: z.record(z.string(), z.unknown()).describe('What the job reports (counts; its own shape per job).'),
});
