/**
 * The OpenAPI document of a service, as a reusable Jest suite without servers: the committed file
 * docs/openapi/<service>.json is what the routes' contracts produce now (regenerate with
 * `npm run openapi`), it is a valid OpenAPI 3.1 document, and every route's contract is complete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { type DocumentedService, offlineModule, offlineOpenApiDocument } from '@sa/platform';
import { contractProblems, routesOf } from './route-contracts';

export const openApiDocumentsDir = join(__dirname, '..', '..', '..', 'docs', 'openapi');

export const openApiDocumentFile = (service: string) => join(openApiDocumentsDir, `${service}.json`);

export function describeOpenApiDocument<C>(definition: DocumentedService<C>): void {
  describe(`${definition.name}: OpenAPI document`, () => {
    it('is the committed docs/openapi file (regenerate with npm run openapi)', async () => {
      const committed: unknown = JSON.parse(readFileSync(openApiDocumentFile(definition.name), 'utf8'));
      expect(await offlineOpenApiDocument(definition)).toEqual(committed);
    });

    it('is a valid OpenAPI 3.1 document', async () => {
      const result = await validate(structuredClone(await offlineOpenApiDocument(definition)) as never);
      expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
      expect(result.specification).toBe('OpenAPI');
    });

    it('declares every path parameter, body and answer of every route', () => {
      const routes = routesOf(offlineModule(definition));
      expect(routes.length).toBeGreaterThan(4);
      expect(routes.flatMap(contractProblems)).toEqual([]);
    });
  });
}
