/**
 * A build-time fix for FerretDB v1.24's PostgreSQL backend, applied with `go build -overlay` (the
 * module in the Go cache is never edited).
 *
 * Why: FerretDB pushes `{_id: "x"}` down to PostgreSQL as `_jsonb->'_id' @> '"x"'`. Containment
 * cannot use the unique btree index FerretDB itself keeps on `_jsonb->'_id'`, so every find, update
 * and delete by _id read the whole table (measured: 2 ms at 1,000 documents, 12 ms at 20,000).
 * An `_id` is never an array, so for a string or ObjectID `_id` plain equality selects exactly the
 * same rows, and it is served by that index. FerretDB re-applies the full filter to what the SQL
 * returns, so the pushed-down clause only has to select the right rows, never fewer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file of the FerretDB module this fix replaces, relative to the module's directory. */
export const patchedFile = join('internal', 'backends', 'postgresql', 'query.go');

const anchor = 'func filterEqual(p *metadata.Placeholder, k any, v any, operator string) (filter string, args []any) {\n';

const idEquality = `	// deploy/local: _id is never an array, so equality is exact and the unique index on it serves it.
	if key, isString := k.(string); isString && key == "_id" && operator == "->" {
		switch v.(type) {
		case string, types.ObjectID:
			return metadata.IDColumn + " = " + p.Next(), []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}
		}
	}

`;

/** The patched source of query.go; refuses a FerretDB version whose source no longer matches. */
export function patchQueryGo(moduleDir: string): string {
  const source = readFileSync(join(moduleDir, patchedFile), 'utf8');
  if (!source.includes(anchor)) {
    throw new Error(
      `FerretDB's ${patchedFile} in ${moduleDir} has no filterEqual as v1.24 has it; review deploy/local/ferretdb/id-pushdown.ts for this version`,
    );
  }
  return source.replace(anchor, anchor + idEquality);
}

/** What the patch is, for the cache key of the built binary. */
export const patchFingerprint = anchor + idEquality;
