import type { RecordedEvent } from '@sa/event-store';
import type { Model } from 'mongoose';
import { type ChangeOf, insertingNewDocuments } from './new-documents';

/** An in-memory stand-in for the collection's insertMany (unordered: an existing _id is a write error, the rest go in). */
function fakeModel(existing: string[] = []) {
  const stored = new Map<string, Record<string, unknown>>(existing.map((id) => [id, { _id: id }]));
  const commands: number[] = [];
  const insertMany = async (docs: Record<string, unknown>[]) => {
    commands.push(docs.length);
    const writeErrors = docs.flatMap((doc, index) => (stored.has(doc._id as string) ? [{ index, code: 11000 }] : []));
    for (const doc of docs) if (!stored.has(doc._id as string)) stored.set(doc._id as string, doc);
    if (writeErrors.length > 0) throw Object.assign(new Error('E11000'), { writeErrors });
  };
  return { model: { collection: { insertMany } } as unknown as Model<unknown>, stored, commands };
}

let position = 0;
const event = (stream: string, revision: number, type: string, data: Record<string, unknown> = {}): RecordedEvent =>
  ({ stream, revision, position: ++position, type, data: { id: stream.slice(2), ...data } }) as unknown as RecordedEvent;

/** Opened sets the fields, Counted adds one, Noted changes nothing, Released must go one by one. */
const changeOf: ChangeOf = (e) => {
  const id = (e.data as { id: string }).id;
  if (e.type === 'Opened') return { id, update: { $set: { status: 'open', note: 'x', ...(e.data as object) } } };
  if (e.type === 'Counted') return { id, update: { $set: { status: 'counted' }, $inc: { count: 1 }, $unset: { note: '' } } };
  if (e.type === 'Noted') return null;
  return undefined;
};

describe('insertingNewDocuments: streams begun in a batch become one insert', () => {
  it('folds each new stream into its document and inserts them with one command', async () => {
    // Given two streams begun in the batch
    const { model, stored, commands } = fakeModel();
    const applied: RecordedEvent[] = [];
    const batch = [event('a-1', 0, 'Opened'), event('a-2', 0, 'Opened'), event('a-1', 1, 'Noted'), event('a-1', 2, 'Counted'), event('a-1', 3, 'Counted')];

    // When the batch is applied
    await insertingNewDocuments(model, changeOf, async (e) => void applied.push(e))(batch);

    // Then one insert holds both documents, as the updates one by one would have left them
    expect(commands).toEqual([2]);
    expect(applied).toEqual([]);
    expect(stored.get('1')).toEqual({ _id: '1', id: '1', status: 'counted', count: 2, _revision: 3, _position: batch[4]?.position });
    expect(stored.get('2')).toEqual({ _id: '2', id: '2', status: 'open', note: 'x', _revision: 0, _position: batch[1]?.position });
  });

  it('applies one by one, in stream order, the streams begun before, those with an event that must go alone, and documents that exist already', async () => {
    // Given a stream begun earlier, a new one with a release among its events, and a replayed one whose document exists
    const { model, stored, commands } = fakeModel(['3']);
    const applied: string[] = [];
    const batch = [event('a-1', 4, 'Counted'), event('a-2', 0, 'Opened'), event('a-2', 1, 'Released'), event('a-3', 0, 'Opened'), event('a-3', 1, 'Counted')];

    // When the batch is applied
    await insertingNewDocuments(model, changeOf, async (e) => void applied.push(`${e.stream}@${e.revision}`))(batch);

    // Then only the replayed stream was tried as an insert (refused), and every event went through the one-by-one path in order per stream
    expect(commands).toEqual([1]);
    expect(stored.get('3')).toEqual({ _id: '3' });
    expect(applied.filter((a) => a.startsWith('a-2'))).toEqual(['a-2@0', 'a-2@1']);
    expect(applied.filter((a) => a.startsWith('a-3'))).toEqual(['a-3@0', 'a-3@1']);
    expect(applied).toContain('a-1@4');
  });
});
