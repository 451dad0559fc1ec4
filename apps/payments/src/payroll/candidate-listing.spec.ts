import { CandidateListing } from './candidate-listing';

/** The read model as a sorted list of ids; counts the queries, which on FerretDB each scan the collection. */
function readModelOf(count: number) {
  const all = Array.from({ length: count }, (_, i) => `e-${String(i).padStart(6, '0')}`);
  const queries: Array<string | undefined> = [];
  const readPage = async (after: string | undefined, limit: number) => {
    queries.push(after);
    return all.filter((id) => after === undefined || id > after).slice(0, limit);
  };
  return { all, queries, readPage };
}

describe('CandidateListing', () => {
  it('hands out every id once, in order, batch by batch, with one query per page instead of one per batch', async () => {
    // Given 2,500 candidates, pages of 1,000 ids and batches of 100
    const model = readModelOf(2_500);
    const listing = new CandidateListing(model.readPage, 1_000);
    // When a run walks its cursor to the end
    const seen: string[] = [];
    for (let after: string | undefined; ;) {
      const ids = await listing.idsAfter(after, 100);
      if (ids.length === 0) break;
      seen.push(...ids);
      after = ids.at(-1);
    }
    // Then it saw each id once in ascending order, from 3 pages (+1 query that finds the end)
    expect(seen).toEqual(model.all);
    expect(model.queries.length).toBeLessThanOrEqual(4);
  });

  it('answers a cursor that jumped ahead (another runner issued batches) from the page, and one before the page with a query', async () => {
    const model = readModelOf(500);
    const listing = new CandidateListing(model.readPage, 1_000);
    expect(await listing.idsAfter(undefined, 10)).toEqual(model.all.slice(0, 10));
    // When the checkpoint moved on to id 250 (a lost race), the page still answers
    expect(await listing.idsAfter(model.all[250], 10)).toEqual(model.all.slice(251, 261));
    expect(model.queries).toHaveLength(1);
    // And past the last id the page (complete) answers with nothing
    expect(await listing.idsAfter(model.all[499], 10)).toEqual([]);
  });

  it('queries again where the page ends before the batch would', async () => {
    const model = readModelOf(50);
    const listing = new CandidateListing(model.readPage, 20);
    expect(await listing.idsAfter(undefined, 15)).toEqual(model.all.slice(0, 15));
    // When the next batch would run past the page's 20 ids
    expect(await listing.idsAfter(model.all[14], 15)).toEqual(model.all.slice(15, 30));
    // Then the listing read a new page from the cursor
    expect(model.queries).toEqual([undefined, model.all[14]]);
  });
});
