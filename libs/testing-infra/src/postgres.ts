import { Pool } from 'pg';
import { uniqueName } from './names';

/** A fresh PostgreSQL schema on the real server, dropped by `drop()`. */
export interface TestSchema {
  readonly name: string;
  readonly pool: Pool;
  drop(): Promise<void>;
}

export async function createTestSchema(databaseUrl: string, prefix = 'test'): Promise<TestSchema> {
  const name = uniqueName(prefix);
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  await pool.query(`create schema "${name}"`);
  return {
    name,
    pool,
    async drop() {
      await pool.query(`drop schema if exists "${name}" cascade`);
      await pool.end();
    },
  };
}
