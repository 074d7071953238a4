package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/realname-go/realname/authn/review"
)

// Note implements [review.Store] with [review.AddNote], in one transaction
// that locks the case's row. A note rewrites only the history, so it never
// waits for the certificate's lock.
func (s *Store) Note(ctx context.Context, id string, ev review.Event) (*review.Case, error) {
	return s.change(ctx, "note", id, func(c *review.Case) (bool, error) {
		return true, review.AddNote(c, ev)
	})
}

// MarkPurged implements [review.Store] with [review.Purge], in one
// transaction that locks the case's row.
func (s *Store) MarkPurged(ctx context.Context, id string, at time.Time) (*review.Case, error) {
	if at.IsZero() {
		return nil, request("zero time")
	}
	return s.change(ctx, "mark purged", id, func(c *review.Case) (bool, error) {
		return review.Purge(c, at)
	})
}

// change locks the case id, applies fn to it and writes back its history and
// purge time when fn changed it, in one transaction, and returns the case
// after it. An error of fn reaches the caller as it is.
func (s *Store) change(ctx context.Context, op, id string, fn func(c *review.Case) (bool, error)) (*review.Case, error) {
	if err := s.open(); err != nil {
		return nil, err
	}
	var out *review.Case
	var refused error // the contract error that ends the transaction
	errRollback := errors.New("rollback")
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(tx pgx.Tx) error {
		c, err := oneCase(tx.Query(ctx, s.sql.lockRow, id))
		if err != nil {
			return err
		}
		if c == nil {
			refused = review.ErrNotFound
			return errRollback
		}
		changed, err := fn(c)
		if err != nil {
			refused = err
			return errRollback
		}
		out = kept(c)
		if !changed {
			return errRollback
		}
		doc, err := marshalDoc(c)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, s.sql.note, c.ID, doc, timeOrNull(c.FilesPurgedAt))
		return err
	})
	switch {
	case refused != nil:
		return nil, refused
	case errors.Is(err, errRollback):
		return out, nil
	case err != nil:
		return nil, dbError(op, err)
	}
	return out, nil
}
