package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

var _ review.Store = (*Store)(nil)

// caseDoc is the JSON document of a case: what has no column of its own.
type caseDoc struct {
	History  []review.Event    `json:"history"`
	Reasons  []rules.Violation `json:"reasons,omitempty"`
	Findings []rules.Violation `json:"findings,omitempty"`
}

// caseColumns are the columns scanCase reads, in its order.
const caseColumns = `id, account, attempt, previous, state, kind, region,
	cert, secret_id, masked, cert_kind, cert_region, verdict,
	submitted_at, due_at, due_date, estimated, claimed_by, claimed_until, doc,
	decided_at, files_purged_at`

// pendingStates is the SQL test of a pending case, written exactly as in the
// WHERE clauses of the partial indexes so that the planner may use them.
const pendingStates = `state IN (1, 2)`

// finalStates and unpurged are the WHERE of the partial index of the
// retention purge, written exactly as there.
const (
	finalStates = `state IN (3, 4, 5)`
	unpurged    = `files_purged_at IS NULL`
)

// plain marks an error of the review contract that a transaction returns to
// the caller as it is, not wrapped as a database error.
type plain struct{ error }

func (p plain) Unwrap() error { return p.error }

// errRollback ends a transaction without changes and without an error.
var errRollback = errors.New("rollback")

// tx runs fn in a BEGIN IMMEDIATE transaction and commits it. An error fn
// returns as plain reaches the caller unwrapped; errRollback rolls back and
// returns nil.
func (s *Store) tx(ctx context.Context, op string, fn func(tx runner) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("binding/sqlite: %s: %w", op, err)
	}
	if err := fn(s.in(tx)); err != nil {
		tx.Rollback()
		var p plain
		switch {
		case errors.Is(err, errRollback):
			return nil
		case errors.As(err, &p):
			return p.error
		}
		return fmt.Errorf("binding/sqlite: %s: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("binding/sqlite: %s: %w", op, err)
	}
	return nil
}

// request returns an error matching [binding.ErrRequest] that the store
// returns as it is.
func request(format string, args ...any) error {
	return plain{fmt.Errorf("%w: "+format, append([]any{binding.ErrRequest}, args...)...)}
}

// Open implements [review.Store]: it stores the case and, for a pending case
// with a certificate, reserves the account's slot on it as [Store.Reserve]
// does, in one transaction.
func (s *Store) Open(ctx context.Context, c *review.Case, slot *review.SlotRequest) (review.SlotResult, error) {
	if c == nil {
		return review.SlotResult{}, request("nil case")
	}
	if c.ID == "" || len(c.ID) > binding.MaxAccountLen {
		return review.SlotResult{}, request("case ID is empty or longer than %d bytes", binding.MaxAccountLen)
	}
	if err := binding.CheckAccount(c.Account); err != nil {
		return review.SlotResult{}, err
	}
	if _, err := c.State.MarshalText(); err != nil {
		return review.SlotResult{}, request("%v", err)
	}
	if c.SubmittedAt.IsZero() {
		return review.SlotResult{}, request("case without a submission time")
	}
	var take *binding.Request
	if c.State.Pending() && c.Certificate != nil {
		if slot == nil {
			return review.SlotResult{}, request("a pending case with a certificate needs a slot request")
		}
		r := binding.Request{Key: refKey(c.Certificate), Account: c.Account, Limit: slot.Limit, Now: c.SubmittedAt, Expires: slot.Expires}
		if err := binding.CheckRequest(r); err != nil {
			return review.SlotResult{}, err
		}
		take = &r
	}
	if c.Certificate != nil {
		if err := binding.CheckKey(refKey(c.Certificate), c.SubmittedAt); err != nil {
			return review.SlotResult{}, err
		}
	}
	doc, err := marshalDoc(c)
	if err != nil {
		return review.SlotResult{}, err
	}
	var res review.SlotResult
	err = s.tx(ctx, "open case", func(tx runner) error {
		var lapses any
		if take != nil {
			lapses = expiry(take.Expires)
		}
		if err := insertCase(ctx, tx, c, doc, lapses); err != nil {
			if !isUnique(err) {
				return err
			}
			existing, gerr := queryCase(ctx, tx, wherePending, c.Account)
			if gerr != nil {
				return gerr
			}
			if existing == nil {
				return plain{fmt.Errorf("binding/sqlite: open case: %w", err)}
			}
			return plain{&review.OpenCaseError{Case: existing}}
		}
		if take == nil {
			return nil
		}
		r, err := takeTx(ctx, tx, *take, statePending)
		if err != nil {
			return err
		}
		res = review.SlotResult{Held: r.Held, Confirmed: r.State == binding.Confirmed, Count: r.Count, Limit: r.Limit}
		if !r.Held {
			return errRollback
		}
		return nil
	})
	if err != nil {
		return review.SlotResult{}, err
	}
	return res, nil
}

// isUnique reports whether err is a violation of the primary key or of the
// one pending case of an account.
func isUnique(err error) bool {
	var se *msqlite.Error
	return errors.As(err, &se) &&
		(se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

func refKey(ref *review.CertificateRef) binding.Key {
	return binding.Key{Current: binding.Digest(ref.Digest), SecretID: ref.SecretID}
}

func marshalDoc(c *review.Case) (string, error) {
	b, err := json.Marshal(caseDoc{History: c.History, Reasons: c.Reasons, Findings: c.Findings})
	if err != nil {
		return "", fmt.Errorf("binding/sqlite: case %q: %w", c.ID, err)
	}
	return string(b), nil
}

// insertCase inserts c with its document and the expiry of the slot
// reserved with it (nil for none).
func insertCase(ctx context.Context, tx runner, c *review.Case, doc string, slotExpires any) error {
	var cert, secretID, masked, certKind, certRegion any
	if ref := c.Certificate; ref != nil {
		cert, secretID, masked, certKind, certRegion = ref.Digest[:], ref.SecretID, ref.Masked, int(ref.Kind), ref.Region
	}
	var claimedBy, claimedUntil any
	if c.ClaimedBy != "" {
		claimedBy, claimedUntil = c.ClaimedBy, ms(c.ClaimedUntil)
	}
	var dueDate string
	if !c.Due.Date.IsZero() {
		dueDate = c.Due.Date.String()
	}
	_, err := tx.ExecContext(ctx, sqlInsertCase,
		c.ID, c.Account, c.Attempt, c.Previous, int(c.State), int(c.Kind), c.Region,
		cert, secretID, masked, certKind, certRegion, int(c.Verdict),
		ms(c.SubmittedAt), ms(c.Due.At), dueDate, c.Due.Estimated, claimedBy, claimedUntil, doc,
		msOrNull(review.DecidedTime(c)), msOrNull(c.FilesPurgedAt), slotExpires, c.State.Final())
	return err
}

// kept sets the times of c that have columns as the store keeps them: in
// UTC, to the millisecond, so the case a write returns equals the one Get
// reads.
func kept(c *review.Case) *review.Case {
	if !c.DecidedAt.IsZero() {
		c.DecidedAt = fromMS(ms(c.DecidedAt))
	}
	if !c.FilesPurgedAt.IsZero() {
		c.FilesPurgedAt = fromMS(ms(c.FilesPurgedAt))
	}
	return c
}

// msOrNull returns the Unix milliseconds of t, or nil for the zero time.
func msOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ms(t)
}

// updateCase writes what a move, a claim or a note changes: the state, the
// claim, the document, when the case was decided and when its files were
// purged.
func updateCase(ctx context.Context, tx runner, c *review.Case) error {
	doc, err := marshalDoc(c)
	if err != nil {
		return err
	}
	var claimedBy, claimedUntil any
	if c.ClaimedBy != "" {
		claimedBy, claimedUntil = c.ClaimedBy, ms(c.ClaimedUntil)
	}
	_, err = tx.ExecContext(ctx, sqlUpdateCase, int(c.State), claimedBy, claimedUntil, doc,
		msOrNull(review.DecidedTime(c)), msOrNull(c.FilesPurgedAt), c.ID)
	return err
}

// queryCase returns the first case matching where, or nil when there is
// none.
func queryCase(ctx context.Context, r runner, where string, args ...any) (*review.Case, error) {
	cs, err := scanCases(r.QueryContext(ctx, firstCase(where), args...))
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	return cs[0], nil
}

// queryCases returns the cases matching where.
func queryCases(ctx context.Context, r runner, where string, args ...any) ([]*review.Case, error) {
	return scanCases(r.QueryContext(ctx, caseQuery(where), args...))
}

func scanCases(rows *sql.Rows, err error) ([]*review.Case, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*review.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func scanCase(rows *sql.Rows) (*review.Case, error) {
	var (
		c                            review.Case
		state, kind, verdict         int64
		cert                         []byte
		secretID, masked, certRegion sql.NullString
		certKind                     sql.NullInt64
		submitted, due               int64
		dueDate                      string
		claimedBy                    sql.NullString
		claimedUntil                 sql.NullInt64
		doc                          []byte
		decided, purged              sql.NullInt64
	)
	if err := rows.Scan(&c.ID, &c.Account, &c.Attempt, &c.Previous, &state, &kind, &c.Region,
		&cert, &secretID, &masked, &certKind, &certRegion, &verdict,
		&submitted, &due, &dueDate, &c.Due.Estimated, &claimedBy, &claimedUntil, &doc, &decided, &purged); err != nil {
		return nil, err
	}
	c.State, c.Kind, c.Verdict = review.State(state), certificate.Kind(kind), rules.Verdict(verdict)
	if cert != nil {
		if len(cert) != len(review.Digest{}) {
			return nil, fmt.Errorf("case %q: certificate digest of %d bytes", c.ID, len(cert))
		}
		ref := &review.CertificateRef{SecretID: secretID.String, Masked: masked.String,
			Kind: certificate.Kind(certKind.Int64), Region: certRegion.String}
		copy(ref.Digest[:], cert)
		c.Certificate = ref
	}
	c.SubmittedAt, c.Due.At = fromMS(submitted), fromMS(due)
	if dueDate != "" {
		d, err := certificate.ParseDate(dueDate)
		if err != nil {
			return nil, fmt.Errorf("case %q: due date: %w", c.ID, err)
		}
		c.Due.Date = d
	}
	if claimedBy.Valid {
		c.ClaimedBy, c.ClaimedUntil = claimedBy.String, fromMS(claimedUntil.Int64)
	}
	if decided.Valid && c.State.Final() {
		c.DecidedAt = fromMS(decided.Int64)
	}
	if purged.Valid {
		c.FilesPurgedAt = fromMS(purged.Int64)
	}
	var d caseDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("case %q: document: %w", c.ID, err)
	}
	c.History, c.Reasons, c.Findings = d.History, d.Reasons, d.Findings
	return &c, nil
}

// fromMS returns the time of a Unix-millisecond column, in UTC.
func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

// Get implements [review.Store].
func (s *Store) Get(ctx context.Context, id string) (*review.Case, error) {
	c, err := queryCase(ctx, s.run(), whereID, id)
	return found(c, err, "get case")
}

// Pending implements [review.Store].
func (s *Store) Pending(ctx context.Context, account string) (*review.Case, error) {
	c, err := queryCase(ctx, s.run(), wherePending, account)
	return found(c, err, "pending case")
}

func found(c *review.Case, err error, op string) (*review.Case, error) {
	switch {
	case err != nil:
		return nil, fmt.Errorf("binding/sqlite: %s: %w", op, err)
	case c == nil:
		return nil, review.ErrNotFound
	}
	return c, nil
}

// Decide implements [review.Store]. The case, its slot and the move of both
// are read and written in one BEGIN IMMEDIATE transaction.
func (s *Store) Decide(ctx context.Context, d review.Decision) (*review.Case, error) {
	if d.At.IsZero() {
		return nil, request("decision without a time")
	}
	var out *review.Case
	err := s.tx(ctx, "decide", func(tx runner) error {
		c, err := queryCase(ctx, tx, whereID, d.ID)
		if err != nil {
			return err
		}
		if c == nil {
			return plain{review.ErrNotFound}
		}
		if leased(c, d.Actor, d.At) {
			return plain{review.ErrLeaseHeld}
		}
		move, changed, err := review.Apply(c, d)
		if err != nil {
			return plain{err}
		}
		out = kept(c)
		if !changed {
			return errRollback
		}
		if err := moveSlot(ctx, tx, c, move, d.Limit, d.At); err != nil {
			return err
		}
		return updateCase(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// leased reports whether someone other than actor holds c under a lease
// still running at t.
func leased(c *review.Case, actor string, t time.Time) bool {
	return c.State.Pending() && c.ClaimedBy != "" && c.ClaimedBy != actor && c.ClaimedUntil.After(t)
}

// moveSlot confirms or releases the slot of the case's account on its
// certificate at now.
//
// A live slot is confirmed or released. Without one, the case's own record
// of its slot tells why: when the slot was reserved with an expiry that has
// passed, it lapsed, and approval takes it again as [Store.Confirm] would,
// within limit ([review.ErrSlotLost] when the certificate is full), while a
// rejection or withdrawal has nothing left to free. Otherwise the slot was
// removed behind the case's back: [review.ErrSlotMissing].
func moveSlot(ctx context.Context, tx runner, c *review.Case, move review.SlotMove, limit int, now time.Time) error {
	if move == review.SlotKeep || c.Certificate == nil {
		return nil
	}
	cert, at := c.Certificate.Digest[:], ms(now)
	// The common case in one statement: the live slot moves.
	live := sqlConfirmLive
	if move == review.SlotRelease {
		live = sqlReleaseLive
	}
	var one int
	err := tx.QueryRowContext(ctx, live, cert, c.Account, at).Scan(&one)
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var lapses sql.NullInt64
	if err := tx.QueryRowContext(ctx, sqlSlotExpires, c.ID).Scan(&lapses); err != nil {
		return err
	}
	if !lapses.Valid || lapses.Int64 > at {
		return plain{review.ErrSlotMissing}
	}
	if move == review.SlotRelease {
		// The lapsed row, unless a sweep or a reservation deleted it.
		_, err := tx.ExecContext(ctx, sqlReleaseSlot, cert, c.Account)
		return err
	}
	if limit < 1 {
		return request("limit %d is below 1", limit)
	}
	r, err := takeTx(ctx, tx, binding.Request{Key: refKey(c.Certificate), Account: c.Account, Limit: limit, Now: now}, stateConfirmed)
	if err != nil {
		return err
	}
	if !r.Held {
		return plain{review.ErrSlotLost}
	}
	return nil
}

// Claim implements [review.Store] with two statements in one BEGIN
// IMMEDIATE transaction: the reviewer's live case or the head of the queue
// index, then its update.
func (s *Store) Claim(ctx context.Context, reviewer string, now time.Time, lease time.Duration) (*review.Case, error) {
	switch {
	case reviewer == "" || len(reviewer) > binding.MaxAccountLen:
		return nil, request("reviewer is empty or longer than %d bytes", binding.MaxAccountLen)
	case now.IsZero():
		return nil, request("zero time")
	case lease <= 0:
		return nil, request("lease %v is not positive", lease)
	}
	var out *review.Case
	err := s.tx(ctx, "claim", func(tx runner) error {
		at := ms(now)
		c, err := queryCase(ctx, tx, whereHeld, reviewer, at)
		if err != nil {
			return err
		}
		if c == nil {
			c, err = queryCase(ctx, tx, whereFree, at)
			if err != nil {
				return err
			}
		}
		if c == nil {
			return plain{review.ErrNotFound}
		}
		if c.State == review.Submitted {
			if _, _, err := review.Apply(c, review.Decision{ID: c.ID, To: review.UnderReview, Actor: reviewer, At: now}); err != nil {
				return err
			}
		}
		c.ClaimedBy, c.ClaimedUntil = reviewer, fromMS(ms(now.Add(lease)))
		out = c
		return updateCase(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// List implements [review.Store]. Pending cases are read through the queue
// index, from the cursor on: the page costs the same however many cases the
// file holds.
func (s *Store) List(ctx context.Context, q review.Query) ([]*review.Case, error) {
	where, args, err := listQuery(q)
	if err != nil {
		return nil, err
	}
	cs, err := queryCases(ctx, s.run(), where, args...)
	if err != nil {
		return nil, fmt.Errorf("binding/sqlite: list cases: %w", err)
	}
	return cs, nil
}

// listQuery returns the WHERE, ORDER BY and LIMIT clauses of q.
func listQuery(q review.Query) (string, []any, error) {
	states, err := q.Selected()
	if err != nil {
		return "", nil, request("%v", err)
	}
	pending, final := true, true
	list := make([]string, len(states))
	for i, st := range states {
		pending = pending && st.Pending()
		final = final && st.Final()
		list[i] = strconv.Itoa(int(st))
	}
	var b strings.Builder
	var args []any
	b.WriteString("WHERE ")
	all := "state IN (" + strings.Join(list, ", ") + ")"
	switch {
	case all == pendingStates:
		b.WriteString(pendingStates)
	case pending || !q.OverdueAt.IsZero():
		// The exact WHERE of the partial queue index, then the states.
		b.WriteString(pendingStates + " AND " + all)
	case final && q.Unpurged:
		// The exact WHERE of the partial index of the purge, then the
		// states.
		if all != finalStates {
			b.WriteString(all + " AND ")
		}
		b.WriteString(finalStates + " AND " + unpurged)
	case !q.DecidedBefore.IsZero() && all != finalStates:
		b.WriteString(finalStates + " AND " + all)
	default:
		b.WriteString(all)
	}
	if q.Unpurged && !final {
		b.WriteString(" AND " + unpurged)
	}
	if !q.OverdueAt.IsZero() {
		b.WriteString(" AND due_at <= ?")
		args = append(args, ms(q.OverdueAt))
	}
	if !q.DecidedBefore.IsZero() {
		b.WriteString(" AND decided_at <= ?")
		args = append(args, ms(q.DecidedBefore))
	}
	if q.Account != "" {
		b.WriteString(" AND account = ?")
		args = append(args, q.Account)
	}
	if q.Kind != 0 {
		b.WriteString(" AND kind = ?")
		args = append(args, int(q.Kind))
	}
	if q.Region != "" {
		b.WriteString(" AND region = ?")
		args = append(args, q.Region)
	}
	if !q.After.IsZero() {
		b.WriteString(" AND (due_at, id) > (?, ?)")
		args = append(args, ms(q.After.Due), q.After.ID)
	}
	b.WriteString(" ORDER BY due_at, id LIMIT ?")
	args = append(args, q.Page())
	return b.String(), args, nil
}

// sqlStats counts in one statement, so one snapshot: the pending cases,
// those due at or before ?1, and those approved or rejected at or after ?2,
// before their deadline or not.
const sqlStats = `SELECT
	(SELECT count(*) FROM cases WHERE ` + pendingStates + `),
	(SELECT count(*) FROM cases WHERE ` + pendingStates + ` AND due_at <= ?1),
	(SELECT count(*) FROM cases WHERE decided_at >= ?2 AND state IN (3, 4) AND NOT opened_final),
	(SELECT count(*) FROM cases WHERE decided_at >= ?2 AND state IN (3, 4) AND NOT opened_final AND decided_at < due_at)`

// Stats implements [review.Store] in one statement, so one snapshot.
func (s *Store) Stats(ctx context.Context, now, since time.Time) (review.Stats, error) {
	var st review.Stats
	err := s.run().QueryRowContext(ctx, sqlStats, ms(now), ms(since)).Scan(&st.Pending, &st.Overdue, &st.Decided, &st.DecidedInTime)
	if err != nil {
		return review.Stats{}, fmt.Errorf("binding/sqlite: stats: %w", err)
	}
	return st, nil
}

// Expire implements [review.Store]: one transaction withdraws every pending
// case submitted before before and releases its slot.
func (s *Store) Expire(ctx context.Context, before, now time.Time) (int, error) {
	if now.IsZero() {
		return 0, request("zero time")
	}
	n := 0
	err := s.tx(ctx, "expire", func(tx runner) error {
		n = 0
		cs, err := queryCases(ctx, tx, whereAbandoned, ms(before))
		if err != nil {
			return err
		}
		for _, c := range cs {
			move, changed, err := review.Apply(c, review.Decision{ID: c.ID, To: review.Withdrawn, Actor: "system", Note: "expired", At: now})
			if err != nil || !changed {
				return fmt.Errorf("case %q: cannot withdraw: %v", c.ID, err)
			}
			if err := moveSlot(ctx, tx, c, move, 0, now); err != nil && !errors.Is(err, review.ErrSlotMissing) {
				return err
			}
			if err := updateCase(ctx, tx, c); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
