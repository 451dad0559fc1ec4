import { loadInfraConfig } from '../config';

describe('local infrastructure settings: where FerretDB keeps its data', () => {
  it('puts FerretDB on a database of its own on the local PostgreSQL by default, with a modest pool', () => {
    // Given no settings but another PostgreSQL port
    const cfg = loadInfraConfig({ SA_PG_PORT: '56432' });

    // Then FerretDB uses the PostgreSQL backend on that server, database "ferretdb"
    expect(cfg.ferretdb.backend).toBe('postgresql');
    const url = new URL(cfg.ferretdb.postgresqlUrl);
    expect([url.host, url.pathname, url.searchParams.get('pool_max_conns')]).toEqual(['127.0.0.1:56432', '/ferretdb', '20']);
  });

  it('follows an external PostgreSQL, and takes an explicit FerretDB database URL as given', () => {
    const external = loadInfraConfig({ DATABASE_URL: 'postgres://u:p@db.internal:5432/sa' });
    expect(new URL(external.ferretdb.postgresqlUrl).host).toBe('db.internal:5432');
    expect(new URL(external.ferretdb.postgresqlUrl).pathname).toBe('/ferretdb');
    const explicit = loadInfraConfig({ SA_FERRETDB_POSTGRESQL_URL: 'postgres://f:q@pg:5433/docs' });
    expect(explicit.ferretdb.postgresqlUrl).toBe('postgres://f:q@pg:5433/docs');
  });

  it('refuses an unknown backend, naming the variable and the choices', () => {
    expect(() => loadInfraConfig({ SA_FERRETDB_BACKEND: 'mysql' })).toThrow(/SA_FERRETDB_BACKEND must be postgresql or sqlite, got "mysql"/);
    expect(loadInfraConfig({ SA_FERRETDB_BACKEND: 'sqlite' }).ferretdb.backend).toBe('sqlite');
  });
});
