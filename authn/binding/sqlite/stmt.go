package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/realname-go/realname/authn/review"
)

// The statements of the write paths. [Store.prepare] prepares them once on
// Open: modernc.org/sqlite compiles every statement it is given as text, and
// compiling costs more than running most of these.
const (
	// The live count of a certificate, the expired rows, the account's live
	// state (takeTx).
	sqlTakeCount = `SELECT
			count(*) FILTER (WHERE expires_at IS NULL OR expires_at > ?2),
			count(*) FILTER (WHERE expires_at <= ?2),
			coalesce(max(state) FILTER (WHERE account = ?3 AND (expires_at IS NULL OR expires_at > ?2)), 0)
		FROM bindings WHERE cert = ?1`
	sqlDeleteExpired = `DELETE FROM bindings WHERE cert = ? AND expires_at <= ?`
	sqlConfirmSlot   = `UPDATE bindings SET state = 2, expires_at = NULL WHERE cert = ? AND account = ?`
	sqlExtendSlot    = `UPDATE bindings SET expires_at = ? WHERE cert = ? AND account = ?`
	sqlInsertSlot    = `INSERT INTO bindings (cert, account, state, expires_at, secret_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`
	sqlReleaseSlot   = `DELETE FROM bindings WHERE cert = ? AND account = ?`
	sqlCountLive     = `SELECT count(*) FROM bindings WHERE cert = ? AND (expires_at IS NULL OR expires_at > ?)`
	// The move of a live slot by a decision, which returns no row when the
	// account holds no live slot (moveSlot).
	sqlConfirmLive = `UPDATE bindings SET state = 2, expires_at = NULL
		WHERE cert = ? AND account = ? AND (expires_at IS NULL OR expires_at > ?) RETURNING 1`
	sqlReleaseLive = `DELETE FROM bindings
		WHERE cert = ? AND account = ? AND (expires_at IS NULL OR expires_at > ?) RETURNING 1`

	// Relabelling under a newer secret (relabel).
	sqlRelabelConfirmed = `UPDATE bindings SET state = 2, expires_at = NULL
		WHERE cert = ? AND account IN (SELECT account FROM bindings WHERE cert = ? AND state = 2)`
	sqlRelabelSlots  = `UPDATE OR IGNORE bindings SET cert = ?, secret_id = ? WHERE cert = ?`
	sqlRelabelDelete = `DELETE FROM bindings WHERE cert = ?`
	sqlRelabelCases  = `UPDATE cases SET cert = ?, secret_id = ? WHERE cert = ?`

	// Cases.
	sqlInsertCase = `INSERT INTO cases (` + caseColumns + `, slot_expires, opened_final)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlUpdateCase = `UPDATE cases SET state = ?, claimed_by = ?, claimed_until = ?, doc = ?,
		decided_at = ?, files_purged_at = ? WHERE id = ?`
	sqlSlotExpires = `SELECT slot_expires FROM cases WHERE id = ?`
	whereID        = `WHERE id = ?`
	wherePending   = `WHERE account = ? AND ` + pendingStates
	// The reviewer's live case, then the head of the queue (Claim).
	whereHeld = `WHERE claimed_by = ? AND claimed_until > ? AND ` + pendingStates + ` ORDER BY due_at, id`
	whereFree = `WHERE ` + pendingStates + ` AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY due_at, id`
	// The pending cases submitted before ? (Expire), through the queue
	// index: pending cases are the few, and no index on the submission
	// time costs every decision a page.
	whereAbandoned = `WHERE ` + pendingStates + ` AND submitted_at < ? ORDER BY due_at, id`
)

// caseQuery returns the SELECT of the cases matching where.
func caseQuery(where string) string { return `SELECT ` + caseColumns + ` FROM cases ` + where }

// firstCase returns the SELECT of the first case matching where.
func firstCase(where string) string { return caseQuery(where + ` LIMIT 1`) }

// prepared lists the statements [Store.prepare] prepares.
func prepared() []string {
	return []string{
		sqlTakeCount, sqlDeleteExpired, sqlConfirmSlot, sqlExtendSlot, sqlInsertSlot,
		sqlReleaseSlot, sqlCountLive, sqlConfirmLive, sqlReleaseLive,
		sqlRelabelConfirmed, sqlRelabelSlots, sqlRelabelDelete, sqlRelabelCases,
		sqlInsertCase, sqlUpdateCase, sqlSlotExpires, sqlStats,
		firstCase(whereID), firstCase(wherePending), firstCase(whereHeld), firstCase(whereFree),
		queuePage(review.Cursor{}), queuePage(review.Cursor{ID: "x"}),
	}
}

// queuePage returns the SELECT of a page of the queue, the zero
// [review.Query] from the start or after a cursor.
func queuePage(after review.Cursor) string {
	where, _, _ := listQuery(review.Query{After: after})
	return caseQuery(where)
}

// prepare prepares the statements of [prepared] on the store's connection.
func (s *Store) prepare(ctx context.Context) error {
	s.stmts = map[string]*sql.Stmt{}
	for _, q := range prepared() {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("binding/sqlite: prepare: %w", err)
		}
		s.stmts[q] = st
	}
	return nil
}

// runner runs statements in a transaction, or on the database when tx is
// nil, taking the prepared statement of a query when there is one.
type runner struct {
	tx    *sql.Tx
	db    *sql.DB
	stmts map[string]*sql.Stmt
}

// in returns the runner of tx.
func (s *Store) in(tx *sql.Tx) runner { return runner{tx: tx, db: s.db, stmts: s.stmts} }

// run returns the runner outside a transaction.
func (s *Store) run() runner { return runner{db: s.db, stmts: s.stmts} }

// stmt returns the prepared statement of query, bound to the transaction,
// or nil.
func (r runner) stmt(ctx context.Context, query string) *sql.Stmt {
	st := r.stmts[query]
	if st != nil && r.tx != nil {
		return r.tx.StmtContext(ctx, st)
	}
	return st
}

func (r runner) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	if r.tx != nil {
		return r.tx.QueryContext(ctx, query, args...)
	}
	return r.db.QueryContext(ctx, query, args...)
}

func (r runner) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := r.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	if r.tx != nil {
		return r.tx.ExecContext(ctx, query, args...)
	}
	return r.db.ExecContext(ctx, query, args...)
}

func (r runner) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	if r.tx != nil {
		return r.tx.QueryRowContext(ctx, query, args...)
	}
	return r.db.QueryRowContext(ctx, query, args...)
}
