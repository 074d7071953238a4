package postgres

import "github.com/realname-go/realname/authn/review"

// Statements the tests explain and the benchmarks run as the store does.

// ClaimSQL returns the statement of Claim: $1 reviewer, $2 now, $3 the end
// of the lease, $4 the event of the move to UnderReview (a JSON array).
func ClaimSQL(s *Store) string { return s.sql.claim }

// QueueNextSQL returns the next-due query of Claim, with the time as $1.
func QueueNextSQL(s *Store) string { return s.sql.queueNext }

// ListSQL returns the statement of List for the zero query, with the page
// size as $1.
func ListSQL(s *Store) string {
	where, _, _ := listQuery(review.Query{})
	return s.sql.list + where
}

// ListQuery returns the WHERE, ORDER BY and LIMIT clauses of List for q,
// and their parameters.
func ListQuery(q review.Query) (string, []any, error) { return listQuery(q) }
