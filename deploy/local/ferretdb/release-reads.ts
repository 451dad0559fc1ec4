/**
 * A build-time fix for FerretDB v1.24: a write no longer holds a PostgreSQL connection for its read
 * while it asks the pool for another (issue #10: FerretDB wedged seconds after a kill -9).
 *
 * The bug: `update` (and `findAndModify`) query the matching documents, and write each one while
 * the query's rows are still open. Open rows keep their pooled connection busy (PostgreSQL shows it
 * `idle`, ClientRead: every row sent, the client never said it was done), so every statement holds
 * one connection and asks for a second. An `update` command carries many statements (a bulkWrite
 * of 1,000 upserts is one command, as audit's case links send after a restart catches up) and the
 * handler closes each statement's query only when the whole command returns, so one command of
 * more matched statements than the pool has connections (20 here) waits forever for a connection
 * it holds itself; every other request then queues behind it in pgxpool's Acquire, and nothing
 * times out (a client that gives up closes its socket, which FerretDB only notices between commands).
 * Twenty concurrent single updates deadlock the same way, each holding one connection.
 * `findAndModify` with `remove` reads and deletes the same way; `delete` already closes its read
 * before it writes ("close read transaction before starting write transaction").
 *
 * The fix: read the matching documents to the end first (iterator.ConsumeValues closes the query
 * and so returns its connection), then write. `update` already reads one document for a single
 * update; a multi update keeps its matches in memory, as `delete` keeps their ids.
 */
import type { SourcePatch } from './source-edit';

const consumeBeforeWriting = `	// deploy/local (release-reads.ts): read every matching document first. ConsumeValues closes
	// iter, and with it the query's rows, so the PostgreSQL connection they hold is back in the
	// pool before a write below asks the pool for another; holding it deadlocked the pool.
	matching, err := iterator.ConsumeValues(iter)
	if err != nil {
		return nil, lazyerrors.Error(err)
	}

	iter = iterator.Values(iterator.ForSlice(matching))
	defer iter.Close()

`;

const removeRead = `		_, doc, err = iter.Next()
		if err != nil && !errors.Is(err, iterator.ErrIteratorDone) {
			return nil, lazyerrors.Error(err)
		}
`;

export const releaseReads: SourcePatch = {
  explainedIn: 'deploy/local/ferretdb/release-reads.ts',
  edits: [
    {
      file: 'internal/handler/common/update.go',
      find: '\tisFindAndModify := (strings.ToLower(cmd) == "findandmodify")\n\n\tfor {\n',
      replace: `\tisFindAndModify := (strings.ToLower(cmd) == "findandmodify")\n\n${consumeBeforeWriting}\tfor {\n`,
    },
    {
      file: 'internal/handler/msg_findandmodify.go',
      find: removeRead,
      replace: `${removeRead}
		// deploy/local (release-reads.ts): give the read's connection back before the delete takes one.
		iter.Close()
`,
    },
  ],
  added: [],
};
