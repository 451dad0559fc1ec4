/**
 * A build-time fix for FerretDB v1.24: nothing waits for, or holds, a PostgreSQL connection forever.
 *
 * release-reads.ts removes the deadlock that wedged FerretDB (issue #10). These bounds make sure
 * that a leak of the same kind, should another path have one, costs a failed request and not the
 * server:
 * - **Acquire timeout.** pgxpool waits for a free connection as long as the request's context lives,
 *   and FerretDB cancels that context only when the client's socket is read again, i.e. never for a
 *   request stuck in Acquire. Each Acquire now gives up after SA_FERRETDB_ACQUIRE_TIMEOUT (Go
 *   duration, default 10s), through pgxpool's AcquireTracer hook: the context it returns governs the
 *   acquire only, not the query that follows. The request then fails with ExceededTimeLimit (262),
 *   as mongos answers a connection-pool timeout; drivers and the services' fault classification
 *   treat that code as transient, and the request's own connections go back to the pool.
 * - **Cursor idle timeout.** An open cursor keeps its query's rows, and so a pooled connection,
 *   until it is exhausted, killed, or its client disconnects; FerretDB v1 has no cursor timeout, so
 *   a live client that forgets a cursor holds a connection forever. A cursor unused for
 *   SA_FERRETDB_CURSOR_IDLE_TIMEOUT (default 10m, MongoDB's cursorTimeoutMillis) is closed; a later
 *   getMore gets CursorNotFound, as on MongoDB.
 */
import type { SourcePatch } from './source-edit';

const envDuration = `// durationFromEnv reads a Go duration (e.g. "10s") from the environment, or returns fallback.
func durationFromEnv(name string, fallback time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}

	return fallback
}
`;

const acquireTimeoutGo = `// deploy/local (bounds.ts): a deadline on every wait for a pooled PostgreSQL connection.

package pool

import (
	"context"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/tracelog"
)

// acquireTimeout bounds how long a request waits for a pooled connection.
var acquireTimeout = durationFromEnv("SA_FERRETDB_ACQUIRE_TIMEOUT", 10*time.Second)

${envDuration}
type acquireCancelKey struct{}

// acquireTimeoutTracer is FerretDB's pgx logger plus the acquire deadline: pgxpool passes the
// context TraceAcquireStart returns to the acquire only, and ends it with TraceAcquireEnd.
type acquireTimeoutTracer struct {
	*tracelog.TraceLog
}

// TraceAcquireStart implements pgxpool.AcquireTracer.
func (t acquireTimeoutTracer) TraceAcquireStart(ctx context.Context, p *pgxpool.Pool, data pgxpool.TraceAcquireStartData) context.Context {
	ctx, cancel := context.WithTimeout(ctx, acquireTimeout)

	return t.TraceLog.TraceAcquireStart(context.WithValue(ctx, acquireCancelKey{}, cancel), p, data)
}

// TraceAcquireEnd implements pgxpool.AcquireTracer.
func (t acquireTimeoutTracer) TraceAcquireEnd(ctx context.Context, p *pgxpool.Pool, data pgxpool.TraceAcquireEndData) {
	t.TraceLog.TraceAcquireEnd(ctx, p, data)

	if cancel, ok := ctx.Value(acquireCancelKey{}).(context.CancelFunc); ok {
		cancel()
	}
}
`;

const cursorIdleGo = `// deploy/local (bounds.ts): cursors unused for too long are closed, releasing their connection.

package cursor

import (
	"context"
	"log/slog"
	"os"
	"time"
)

// idleTimeout is how long a cursor may go unused before it is closed.
var idleTimeout = durationFromEnv("SA_FERRETDB_CURSOR_IDLE_TIMEOUT", 10*time.Minute)

${envDuration}
// touch records that the cursor is being used.
func (c *Cursor) touch() {
	c.lastUsed.Store(time.Now().UnixNano())
}

// idleAt reports whether the cursor has been unused for idleTimeout at the given time.
func (c *Cursor) idleAt(now time.Time) bool {
	last := c.lastUsed.Load()
	if last == 0 {
		last = c.created.UnixNano()
	}

	return now.Sub(time.Unix(0, last)) >= idleTimeout
}

// closeWhenDone closes and removes c when ctx is done or c is idle; it returns once c is removed.
func (r *Registry) closeWhenDone(ctx context.Context, c *Cursor) {
	check := time.NewTicker(min(max(idleTimeout/4, 10*time.Millisecond), time.Minute))
	defer check.Stop()

	for {
		select {
		case <-ctx.Done():
			r.CloseAndRemove(c)
			<-c.removed

			return
		case <-c.removed: // for c.Close() and normal cursors
			return
		case now := <-check.C:
			if c.idleAt(now) {
				r.l.Info("Closing idle cursor", slog.Int64("id", c.ID), slog.Duration("idle_timeout", idleTimeout))
				r.CloseAndRemove(c)
			}
		}
	}
}
`;

const cursorWatch = `		select {
		case <-ctx.Done():
			r.CloseAndRemove(c)
		case <-c.removed: // for c.Close() and normal cursors
		}

		<-c.removed
`;

const internalError = `	//nolint:errorlint // only *CommandError could be returned
	return NewCommandError(errInternalError, err).(*CommandError)
`;

export const bounds: SourcePatch = {
  explainedIn: 'deploy/local/ferretdb/bounds.ts',
  edits: [
    {
      file: 'internal/backends/postgresql/metadata/pool/opendb.go',
      find: '\tconfig.ConnConfig.Tracer = &tracelog.TraceLog{\n\t\tLogger:   logging.NewPgxLogger(l),\n\t\tLogLevel: tracelog.LogLevelTrace,\n\t}\n',
      replace:
        '\t// deploy/local (bounds.ts): the tracer also bounds each wait for a pooled connection.\n' +
        '\tconfig.ConnConfig.Tracer = acquireTimeoutTracer{TraceLog: &tracelog.TraceLog{\n\t\tLogger:   logging.NewPgxLogger(l),\n\t\tLogLevel: tracelog.LogLevelTrace,\n\t}}\n',
    },
    {
      file: 'internal/handler/handlererrors/error.go',
      find: 'import (\n\t"errors"\n\n\t"github.com/FerretDB/wire/wirebson"\n)\n',
      replace: 'import (\n\t"context"\n\t"errors"\n\n\t"github.com/FerretDB/wire/wirebson"\n)\n',
    },
    {
      file: 'internal/handler/handlererrors/error.go',
      find: internalError,
      replace: `	// deploy/local (bounds.ts): a server-side deadline nothing else answered (the pool's acquire
	// timeout) is ExceededTimeLimit, as mongos answers a connection-pool timeout; drivers retry it.
	if errors.Is(err, context.DeadlineExceeded) {
		//nolint:errorlint // only *CommandError could be returned
		return NewCommandErrorMsg(ErrorCode(262), "deploy/local: a server-side time limit passed: "+err.Error()).(*CommandError)
	}

${internalError}`,
    },
    {
      file: 'internal/clientconn/cursor/cursor.go',
      find: '\t"sync"\n\t"time"\n',
      replace: '\t"sync"\n\t"sync/atomic"\n\t"time"\n',
    },
    {
      file: 'internal/clientconn/cursor/cursor.go',
      find: '\tlastRecordID int64 // protected by m\n',
      replace: '\tlastRecordID int64 // protected by m\n\tlastUsed     atomic.Int64 // deploy/local (bounds.ts): unix nanoseconds of the last Next\n',
    },
    {
      file: 'internal/clientconn/cursor/cursor.go',
      find: 'func (c *Cursor) Next() (struct{}, *types.Document, error) {\n',
      replace: 'func (c *Cursor) Next() (struct{}, *types.Document, error) {\n\tc.touch()\n\tdefer c.touch()\n\n',
    },
    {
      file: 'internal/clientconn/cursor/registry.go',
      find: cursorWatch,
      replace: '\t\t// deploy/local (bounds.ts): also closed when idle for too long.\n\t\tr.closeWhenDone(ctx, c)\n',
    },
  ],
  added: [
    { file: 'internal/backends/postgresql/metadata/pool/acquire_timeout.go', text: acquireTimeoutGo },
    { file: 'internal/clientconn/cursor/idle_timeout.go', text: cursorIdleGo },
  ],
};
