import { createTestSchema, integrationEnv, type TestSchema } from '@sa/testing-infra';

describe('local PostgreSQL (real server)', () => {
  let schema: TestSchema;

  beforeAll(async () => {
    schema = await createTestSchema(integrationEnv().databaseUrl, 'infra');
  });

  afterAll(() => schema.drop());

  it('writes a row in a transaction and reads it back', async () => {
    // Given a table
    await schema.pool.query(`create table "${schema.name}".notes (id bigserial primary key, body text not null, amount_fen bigint not null)`);

    // When a row is inserted and committed
    const client = await schema.pool.connect();
    try {
      await client.query('begin');
      await client.query(`insert into "${schema.name}".notes (body, amount_fen) values ($1, $2)`, ['低保', '212700']);
      await client.query('commit');
    } finally {
      client.release();
    }

    // Then it reads back exactly, and the server is a real PostgreSQL
    const rows = await schema.pool.query(`select body, amount_fen from "${schema.name}".notes`);
    expect(rows.rows).toEqual([{ body: '低保', amount_fen: '212700' }]);
    const version = await schema.pool.query('show server_version_num');
    expect(Number(version.rows[0].server_version_num)).toBeGreaterThanOrEqual(150000);
  });
});
