package sqlite

import (
	"context"
	"time"

	"github.com/realname-go/realname/authn/review"
)

// Note implements [review.Store] with [review.AddNote], in one BEGIN
// IMMEDIATE transaction.
func (s *Store) Note(ctx context.Context, id string, ev review.Event) (*review.Case, error) {
	return s.change(ctx, "note", id, func(c *review.Case) (bool, error) {
		return true, review.AddNote(c, ev)
	})
}

// MarkPurged implements [review.Store] with [review.Purge], in one BEGIN
// IMMEDIATE transaction.
func (s *Store) MarkPurged(ctx context.Context, id string, at time.Time) (*review.Case, error) {
	if at.IsZero() {
		return nil, request("zero time")
	}
	return s.change(ctx, "mark purged", id, func(c *review.Case) (bool, error) {
		return review.Purge(c, at)
	})
}

// change reads the case id, applies fn to it and writes it back when fn
// changed it, in one transaction, and returns the case after it. An error of
// fn reaches the caller as it is.
func (s *Store) change(ctx context.Context, op, id string, fn func(c *review.Case) (bool, error)) (*review.Case, error) {
	var out *review.Case
	err := s.tx(ctx, op, func(tx runner) error {
		c, err := queryCase(ctx, tx, whereID, id)
		if err != nil {
			return err
		}
		if c == nil {
			return plain{review.ErrNotFound}
		}
		changed, err := fn(c)
		if err != nil {
			return plain{err}
		}
		out = kept(c)
		if !changed {
			return errRollback
		}
		return updateCase(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
