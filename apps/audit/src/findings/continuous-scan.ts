/**
 * Continuous scanning (first cut): the `findings-scan` job runs on the scheduler's interval and on
 * demand (POST /admin/jobs/findings-scan/run); it rescans the whole history only when some source
 * has recorded events since the last scan. Idempotent: a finding is recorded once whatever the
 * number of scans.
 */
import type { Actor } from '@sa/domain-shared';
import type { JobResult } from '@sa/platform';
import type { SourceStores } from '../sources/source-stores';
import type { FindingsScanner } from './findings-scanner';

/** Scans run by the service itself are recorded under this system actor. */
export const auditSystemActor: Actor = { userId: 'audit-service', role: 'county-system', orgUnit: '000000' };

export class ContinuousScan {
  private lastHeads = '';

  constructor(
    private readonly sources: SourceStores,
    private readonly scanner: FindingsScanner,
  ) {}

  private async heads(): Promise<string> {
    const heads = await Promise.all(
      this.sources.all.map(async (s) => `${s.name}:${(await s.store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position ?? 0}`),
    );
    return heads.join(',');
  }

  async run(now: Date): Promise<JobResult> {
    const heads = await this.heads();
    if (heads === this.lastHeads) return {};
    const result = await this.scanner.scan(auditSystemActor, now);
    this.lastHeads = heads;
    return result.newFindings > 0 ? { cases: result.cases, newFindings: result.newFindings } : {};
  }
}
