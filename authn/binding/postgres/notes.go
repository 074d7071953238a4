package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/realname-go/realname/authn/review"
)

// Note implements [review.Store].
func (s *Store) Note(ctx context.Context, id string, ev review.Event) (*review.Case, error) {
	return nil, errors.New("binding/postgres: Note: not implemented yet")
}

// MarkPurged implements [review.Store].
func (s *Store) MarkPurged(ctx context.Context, id string, at time.Time) (*review.Case, error) {
	return nil, errors.New("binding/postgres: MarkPurged: not implemented yet")
}
