/**
 * The ids one drive of a payroll run pays, listed from the read model a large page at a time and
 * handed out a batch at a time. Why: the MongoDB-protocol server (FerretDB 1.24 on PostgreSQL) uses
 * the `_id` index for equality only, so every "next ids after the cursor" query scans and sorts the
 * whole collection; one query per batch made the run quadratic (10,000 entitlements: 10 scans of
 * 10,000). A page of ids (strings only, about 10 MB for 100,000) keeps memory bounded and divides
 * the scans by pageSize / batchSize. Each entitlement is still loaded from its own stream, the
 * authority on stops and months paid, so an id listed a little earlier pays nothing it should not.
 * One listing lives for one drive: a resumed or later run lists afresh.
 */
export type IdPageReader = (after: string | undefined, limit: number) => Promise<string[]>;

interface Page {
  readonly after: string | undefined;
  readonly ids: readonly string[];
  readonly complete: boolean;
}

export const candidatePageSize = 100_000;

export class CandidateListing {
  private page: Page | undefined;

  constructor(
    private readonly readPage: IdPageReader,
    private readonly pageSize = candidatePageSize,
  ) {}

  /** Up to `limit` ids after `after`, in ascending order (the order the run's cursor follows). */
  async idsAfter(after: string | undefined, limit: number): Promise<string[]> {
    const cached = this.page && fromPage(this.page, after, limit);
    if (cached) return cached;
    const size = Math.max(this.pageSize, limit);
    const ids = await this.readPage(after, size);
    this.page = { after, ids, complete: ids.length < size };
    return ids.slice(0, limit);
  }
}

/** The ids after `after` from the page, or undefined where the page cannot say (it starts later, or ends too soon). */
function fromPage(page: Page, after: string | undefined, limit: number): string[] | undefined {
  let start: number;
  if (after === page.after) start = 0;
  else if (after === undefined || (page.after !== undefined && after < page.after)) return undefined;
  else start = firstAbove(page.ids, after);
  const ids = page.ids.slice(start, start + limit);
  return ids.length === limit || page.complete ? ids : undefined;
}

/** Index of the first id greater than `after` (ids ascending; entitlement ids are ASCII, so JS order is the server's). */
function firstAbove(ids: readonly string[], after: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ids[mid] as string) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}
