import { integrationEnv, uniqueName } from '@sa/testing-infra';
import mongoose, { Schema } from 'mongoose';

interface CaseSummary {
  caseId: string;
  region: string;
  status: string;
  members: number;
  monthlyFen: number;
  updatedAt: Date;
}

describe('local MongoDB-protocol server (FerretDB) through mongoose', () => {
  const dbName = uniqueName('infra');
  let connection: mongoose.Connection;

  beforeAll(async () => {
    connection = await mongoose.createConnection(integrationEnv().mongodbUrl, { dbName, serverSelectionTimeoutMS: 5000 }).asPromise();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('saves documents, builds indexes and answers the read-model queries', async () => {
    // Given a read-model collection with a unique and a compound index
    const schema = new Schema<CaseSummary>({
      caseId: { type: String, required: true, unique: true },
      region: { type: String, required: true },
      status: { type: String, required: true },
      members: Number,
      monthlyFen: Number,
      updatedAt: Date,
    });
    schema.index({ region: 1, status: 1 });
    const Summary = connection.model<CaseSummary>('CaseSummary', schema);
    await Summary.syncIndexes();

    // When cases are saved and one is upserted
    await Summary.insertMany([
      { caseId: 'c1', region: '330102001', status: 'approved', members: 3, monthlyFen: 212700, updatedAt: new Date('2025-01-01') },
      { caseId: 'c2', region: '330102001', status: 'rejected', members: 1, monthlyFen: 0, updatedAt: new Date('2025-01-02') },
      { caseId: 'c3', region: '330103002', status: 'approved', members: 1, monthlyFen: 154700, updatedAt: new Date('2025-01-03') },
    ]);
    await Summary.updateOne({ caseId: 'c2' }, { $set: { status: 'referred' } }, { upsert: true });

    // Then the indexes exist, the unique index holds, and jurisdiction queries work
    const indexes = await Summary.collection.indexes();
    expect(indexes.map((index) => Object.keys(index.key).join(','))).toEqual(expect.arrayContaining(['caseId', 'region,status']));
    await expect(Summary.create({ caseId: 'c1', region: 'x', status: 'x' })).rejects.toThrow(/duplicate key/i);

    const inTownship = await Summary.find({ region: { $regex: '^330102' }, status: { $in: ['approved', 'referred'] } })
      .sort({ updatedAt: -1 })
      .lean();
    expect(inTownship.map((doc) => doc.caseId)).toEqual(['c2', 'c1']);

    const totals = await Summary.aggregate<{ _id: string; total: number }>([
      { $match: { status: 'approved' } },
      { $group: { _id: '$status', total: { $sum: '$monthlyFen' } } },
    ]);
    expect(totals).toEqual([{ _id: 'approved', total: 367400 }]);
  });

  it('finds, updates and upserts by _id through the _id index, not a scan of the collection', async () => {
    // Given a read-model collection of 3,000 documents (enough for PostgreSQL to prefer an index)
    const docs = connection.collection<{ _id: string; revision: number }>('by_id');
    await docs.insertMany(Array.from({ length: 3000 }, (_, i) => ({ _id: `case-${i}`, revision: 1 })));

    // When a projection's write (applyOnce: by _id, guarded by the revision) is explained
    const filter = { _id: 'case-1234', $or: [{ revision: { $lt: 2 } }, { revision: { $exists: false } }] };
    const db = connection.db;
    if (!db) throw new Error('not connected');
    const plan = JSON.stringify(await db.command({ explain: { find: 'by_id', filter }, verbosity: 'queryPlanner' }));

    // Then the server looks the document up by its _id index (FerretDB on PostgreSQL: an Index Scan of
    // FerretDB's unique _id index; MongoDB: an _id lookup), and the write lands on that one document
    expect(plan).not.toMatch(/Seq Scan|COLLSCAN/);
    expect(plan).toMatch(/Index Scan|IXSCAN|IDHACK|EXPRESS/);
    const result = await docs.updateOne(filter, { $set: { revision: 2 } }, { upsert: true });
    expect([result.matchedCount, result.modifiedCount, result.upsertedCount]).toEqual([1, 1, 0]);
    expect(await docs.countDocuments({ revision: 2 })).toBe(1);
  });
});
