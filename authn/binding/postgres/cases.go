package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

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
var caseColumns = []string{"id", "account", "attempt", "previous", "state", "kind", "region",
	"cert", "secret_id", "masked", "cert_kind", "cert_region", "verdict",
	"submitted_at", "due_at", "due_date", "estimated", "claimed_by", "claimed_until", "doc",
	"decided_at", "files_purged_at"}

// columns returns caseColumns, each prefixed with table and a dot when table
// is not empty.
func columns(table string) string {
	if table == "" {
		return strings.Join(caseColumns, ", ")
	}
	return table + "." + strings.Join(caseColumns, ", "+table+".")
}

// pendingStates is the SQL test of a pending case, written exactly as in the
// WHERE clauses of the partial indexes so that the planner uses them: the
// column pending is computed from state.
const pendingStates = `pending`

// finalUnpurged is the WHERE of the partial index of the retention purge,
// written exactly as there.
const finalUnpurged = `NOT pending AND files_purged_at IS NULL`

// beginRC begins the store's explicit transactions. The advisory locks make
// counts exact only under READ COMMITTED, whatever the connection's default.
const beginRC = `BEGIN ISOLATION LEVEL READ COMMITTED`

// reviewerLock is the first key of the advisory lock that serialises the
// claims of one reviewer (the second is a hash of the reviewer); the two-key
// advisory locks never meet the one-key locks on certificates.
const reviewerLock int32 = 0x72657669 // "revi"

// maxTries bounds the retries of a decision or an expiry whose certificate
// was relabelled under a newer secret between reading the case and locking
// it.
const maxTries = 8

// caseSQL are the statements of the case store, in the store's schema.
type caseSQL struct {
	insert, byID, pending, lockCert, forUpdate, update, confirm, release, hint,
	claim, stats, expiring, lockCerts, expireLock, list, lockRow, note string
	// queueNext is the next-due query of claim, with the time as $1.
	queueNext string
}

// queueNext returns the head of the review queue that Claim takes: the free
// pending case with the earliest deadline, then the smallest ID, skipping
// cases other transactions are claiming. now is the placeholder of the
// claim's time. It runs on the cases_queue index.
func queueNext(schema, now string) string {
	return `SELECT id FROM ` + schema + `.cases
		WHERE ` + pendingStates + ` AND (claimed_until IS NULL OR claimed_until <= ` + now + `)
		ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`
}

func newCaseSQL(q string) caseSQL {
	cols := columns("")
	return caseSQL{
		insert: `INSERT INTO ` + q + `.cases (` + cols + `, slot_expires, opened_final)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
				$21, $22, $23, $24)
			ON CONFLICT DO NOTHING`,
		byID:    `SELECT ` + cols + ` FROM ` + q + `.cases WHERE id = $1`,
		pending: `SELECT ` + cols + ` FROM ` + q + `.cases WHERE account = $1 AND ` + pendingStates,
		// The certificate's lock first, then the case's row: the order of
		// the lock function, which relabels cases under the certificate's
		// lock, so the two never deadlock.
		lockCert: `SELECT cert, pg_advisory_xact_lock(` + q + `.lock_key(cert)) FROM ` + q + `.cases WHERE id = $1 AND cert IS NOT NULL`,
		// The case, locked, with the account's slot on its certificate and
		// the expiry the case's Open gave the slot.
		forUpdate: `SELECT ` + columns("c") + `, b.cert IS NOT NULL, b.expires_at, c.slot_expires
			FROM ` + q + `.cases AS c
			LEFT JOIN ` + q + `.bindings AS b ON b.cert = c.cert AND b.account = c.account
			WHERE c.id = $1 FOR UPDATE OF c`,
		update: `UPDATE ` + q + `.cases SET state = $2, claimed_by = $3, claimed_until = $4, doc = $5,
			decided_at = coalesce($6, decided_at) WHERE id = $1`,
		// An approval: the slot is confirmed by take, the function of
		// Store.Confirm, and the case moves only when take holds the slot.
		confirm: `WITH t AS (SELECT out_held FROM ` + q + `.take($7, NULL, $8, $9, $10, $11, NULL, 2::smallint))
			UPDATE ` + q + `.cases SET state = $2, claimed_by = $3, claimed_until = $4, doc = $5,
			decided_at = coalesce($6, decided_at) FROM t WHERE id = $1 AND t.out_held RETURNING true`,
		release: `SELECT ` + q + `.release($1, NULL, $2, $3, $4)`,
		hint: `INSERT INTO ` + q + `.claims (reviewer, id) VALUES ($1, $2)
			ON CONFLICT (reviewer) DO UPDATE SET id = excluded.id`,
		// One statement: the reviewer's live case, else the head of the
		// queue; then the claim, with the move to UnderReview appended to
		// the history of a submitted case.
		claim: `WITH mine AS (
				SELECT c.id FROM ` + q + `.claims AS r JOIN ` + q + `.cases AS c ON c.id = r.id
				WHERE r.reviewer = $1 AND c.claimed_by = $1 AND c.claimed_until > $2 AND c.` + pendingStates + `
				FOR UPDATE OF c),
			next AS (` + queueNext(q, "$2") + `),
			pick AS (
				SELECT id FROM mine
				UNION ALL
				SELECT id FROM next WHERE NOT EXISTS (SELECT FROM mine)
				LIMIT 1),
			hint AS (
				INSERT INTO ` + q + `.claims (reviewer, id) SELECT $1, id FROM pick
				ON CONFLICT (reviewer) DO UPDATE SET id = excluded.id)
			UPDATE ` + q + `.cases AS c
			SET claimed_by = $1, claimed_until = $3, state = 2,
				doc = CASE WHEN c.state = 1 THEN jsonb_set(c.doc, '{history}',
					CASE WHEN jsonb_typeof(c.doc->'history') = 'array' THEN c.doc->'history' ELSE '[]' END || $4::jsonb)
					ELSE c.doc END
			FROM pick WHERE c.id = pick.id
			RETURNING ` + columns("c"),
		stats: `SELECT
			(SELECT count(*) FROM ` + q + `.cases WHERE ` + pendingStates + `),
			(SELECT count(*) FROM ` + q + `.cases WHERE ` + pendingStates + ` AND due_at <= $1),
			(SELECT count(*) FROM ` + q + `.cases WHERE decided_at >= $2 AND state IN (3, 4) AND NOT opened_final),
			(SELECT count(*) FROM ` + q + `.cases WHERE decided_at >= $2 AND state IN (3, 4) AND NOT opened_final
				AND decided_at < due_at)`,
		expiring:  `SELECT id, cert FROM ` + q + `.cases WHERE ` + pendingStates + ` AND submitted_at < $1`,
		lockCerts: `SELECT ` + q + `.lock_certs($1::bytea[])`,
		expireLock: `SELECT ` + cols + ` FROM ` + q + `.cases
			WHERE id = ANY ($1) AND ` + pendingStates + ` AND submitted_at < $2 ORDER BY id FOR UPDATE`,
		list: `SELECT ` + cols + ` FROM ` + q + `.cases `,
		// A note or a purge: the case's row alone, locked, then its history
		// and purge time. Neither touches the certificate or the slot.
		lockRow:   `SELECT ` + cols + ` FROM ` + q + `.cases WHERE id = $1 FOR UPDATE`,
		note:      `UPDATE ` + q + `.cases SET doc = $2, files_purged_at = $3 WHERE id = $1`,
		queueNext: queueNext(q, "$1"),
	}
}

// request returns an error matching [binding.ErrRequest].
func request(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{binding.ErrRequest}, args...)...)
}

func dbError(op string, err error) error {
	return fmt.Errorf("binding/postgres: %s: %w", op, err)
}

// errRelabelled: the case's certificate was relabelled between reading the
// case and locking the certificate; the transaction starts again.
var errRelabelled = errors.New("binding/postgres: certificate relabelled meanwhile")

func refKey(ref *review.CertificateRef) binding.Key {
	return binding.Key{Current: binding.Digest(ref.Digest), SecretID: ref.SecretID}
}

func marshalDoc(c *review.Case) ([]byte, error) {
	b, err := json.Marshal(caseDoc{History: c.History, Reasons: c.Reasons, Findings: c.Findings})
	if err != nil {
		return nil, fmt.Errorf("binding/postgres: case %q: %w", c.ID, err)
	}
	return b, nil
}

// claimArgs returns the claimed_by and claimed_until parameters of c.
func claimArgs(c *review.Case) (by *string, until *time.Time) {
	if c.ClaimedBy == "" {
		return nil, nil
	}
	return &c.ClaimedBy, &c.ClaimedUntil
}

// insertArgs returns the parameters of the insert statement: caseColumns
// and the expiry of the case's slot, slotExpires (zero: none).
func insertArgs(c *review.Case, doc []byte, slotExpires time.Time) []any {
	var (
		cert                         []byte
		secretID, masked, certRegion *string
		certKind                     *int16
		dueDate                      pgtype.Date
		claimedBy, claimedUntil      = claimArgs(c)
	)
	if ref := c.Certificate; ref != nil {
		k := int16(ref.Kind)
		cert, secretID, masked, certKind, certRegion = ref.Digest[:], &ref.SecretID, &ref.Masked, &k, &ref.Region
	}
	if d := c.Due.Date; !d.IsZero() {
		dueDate = pgtype.Date{Time: time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC), Valid: true}
	}
	return []any{c.ID, c.Account, int32(c.Attempt), c.Previous, int16(c.State), int16(c.Kind), c.Region,
		cert, secretID, masked, certKind, certRegion, int16(c.Verdict),
		c.SubmittedAt, c.Due.At, dueDate, c.Due.Estimated, claimedBy, claimedUntil, doc,
		timeOrNull(review.DecidedTime(c)), timeOrNull(c.FilesPurgedAt), expiry(slotExpires), c.State.Final()}
}

// kept sets the times of c that have columns as the store keeps them: in
// UTC, to the microsecond, so the case a write returns equals the one Get
// reads.
func kept(c *review.Case) *review.Case {
	if !c.DecidedAt.IsZero() {
		c.DecidedAt = c.DecidedAt.Truncate(time.Microsecond).UTC()
	}
	if !c.FilesPurgedAt.IsZero() {
		c.FilesPurgedAt = c.FilesPurgedAt.Truncate(time.Microsecond).UTC()
	}
	return c
}

// timeOrNull returns t, or nil for the zero time.
func timeOrNull(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// scanCase reads a row of caseColumns, followed by the columns of extra.
// Times come back in UTC, to the microsecond PostgreSQL keeps.
func scanCase(row pgx.Row, extra ...any) (*review.Case, error) {
	var (
		c                            review.Case
		attempt                      int32
		state, kind, verdict         int16
		cert                         []byte
		secretID, masked, certRegion *string
		certKind                     *int16
		dueDate                      pgtype.Date
		claimedBy                    *string
		claimedUntil                 *time.Time
		doc                          []byte
		decided, purged              *time.Time
	)
	if err := row.Scan(append([]any{&c.ID, &c.Account, &attempt, &c.Previous, &state, &kind, &c.Region,
		&cert, &secretID, &masked, &certKind, &certRegion, &verdict,
		&c.SubmittedAt, &c.Due.At, &dueDate, &c.Due.Estimated, &claimedBy, &claimedUntil, &doc, &decided, &purged}, extra...)...); err != nil {
		return nil, err
	}
	c.Attempt = int(attempt)
	c.State, c.Kind, c.Verdict = review.State(state), certificate.Kind(kind), rules.Verdict(verdict)
	c.SubmittedAt, c.Due.At = c.SubmittedAt.UTC(), c.Due.At.UTC()
	if cert != nil {
		if len(cert) != len(review.Digest{}) {
			return nil, fmt.Errorf("case %q: certificate digest of %d bytes", c.ID, len(cert))
		}
		ref := &review.CertificateRef{SecretID: deref(secretID), Masked: deref(masked), Region: deref(certRegion)}
		if certKind != nil {
			ref.Kind = certificate.Kind(*certKind)
		}
		copy(ref.Digest[:], cert)
		c.Certificate = ref
	}
	if dueDate.Valid {
		c.Due.Date = certificate.DateOf(dueDate.Time)
	}
	if claimedBy != nil && claimedUntil != nil {
		c.ClaimedBy, c.ClaimedUntil = *claimedBy, claimedUntil.UTC()
	}
	if decided != nil && c.State.Final() {
		c.DecidedAt = decided.UTC()
	}
	if purged != nil {
		c.FilesPurgedAt = purged.UTC()
	}
	var d caseDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("case %q: document: %w", c.ID, err)
	}
	c.History, c.Reasons, c.Findings = d.History, d.Reasons, d.Findings
	return &c, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// collectCases reads every row of rows.
func collectCases(rows pgx.Rows, err error) ([]*review.Case, error) {
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

// oneCase returns the case of a query of at most one row, or nil.
func oneCase(rows pgx.Rows, err error) (*review.Case, error) {
	cs, err := collectCases(rows, err)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	return cs[0], nil
}

// done rolls back the transaction conn may still be in and returns conn to
// the pool. A connection that cannot roll back is closed, which rolls back on
// the server, and the pool drops it.
func done(conn *pgxpool.Conn) {
	pc := conn.Conn().PgConn()
	if !pc.IsClosed() && pc.TxStatus() != 'I' {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if _, err := conn.Exec(ctx, "ROLLBACK"); err != nil {
			_ = conn.Conn().Close(ctx)
		}
		cancel()
	}
	conn.Release()
}

// commit reads the result of the COMMIT at the end of a batch.
func commit(br pgx.BatchResults) error {
	tag, err := br.Exec()
	if err != nil {
		return err
	}
	if tag.String() != "COMMIT" {
		return errors.New("the transaction rolled back")
	}
	return nil
}

// Open implements [review.Store]: it stores the case and, for a pending case
// with a certificate, reserves the account's slot on it as [Store.Reserve]
// does (the same take function, at the case's submission time), in one
// transaction. The slot is reserved under the case's digest alone: a
// [review.CertificateRef] carries no previous digests.
func (s *Store) Open(ctx context.Context, c *review.Case, slot *review.SlotRequest) (review.SlotResult, error) {
	if err := s.open(); err != nil {
		return review.SlotResult{}, err
	}
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
	if c.Certificate != nil {
		if err := binding.CheckKey(refKey(c.Certificate), c.SubmittedAt); err != nil {
			return review.SlotResult{}, err
		}
		if c.State.Pending() {
			if slot == nil {
				return review.SlotResult{}, request("a pending case with a certificate needs a slot request")
			}
			r := binding.Request{Key: refKey(c.Certificate), Account: c.Account, Limit: slot.Limit, Now: c.SubmittedAt, Expires: slot.Expires}
			if err := binding.CheckRequest(r); err != nil {
				return review.SlotResult{}, err
			}
			take = &r
		}
	}
	doc, err := marshalDoc(c)
	if err != nil {
		return review.SlotResult{}, err
	}
	var slotExpires time.Time
	if take != nil {
		slotExpires = take.Expires
	}
	args := insertArgs(c, doc, slotExpires)
	var res review.SlotResult
	var refused error // the contract error that ends the transaction
	errRollback := errors.New("rollback")
	err = pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(tx pgx.Tx) error {
		for try := 0; ; try++ {
			tag, err := tx.Exec(ctx, s.sql.insert, args...)
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 1 {
				break
			}
			// A conflict: the account's pending case, or the ID taken. A
			// conflicting case can be decided between the two statements,
			// so look, and insert again when neither is there.
			existing, err := oneCase(tx.Query(ctx, s.sql.pending, c.Account))
			if err != nil {
				return err
			}
			if existing != nil && c.State.Pending() {
				refused = &review.OpenCaseError{Case: existing}
				return errRollback
			}
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+s.schema+`.cases WHERE id = $1`, c.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 || try >= maxTries {
				refused = request("case ID %q is taken", c.ID)
				return errRollback
			}
		}
		if c.ClaimedBy != "" && c.State.Pending() {
			// A case stored held: its reviewer's next claim finds it.
			if _, err := tx.Exec(ctx, s.sql.hint, c.ClaimedBy, c.ID); err != nil {
				return err
			}
		}
		if take == nil {
			return nil
		}
		r, err := s.takeSlot(ctx, tx, *take, slotPending)
		if err != nil {
			return err
		}
		res = review.SlotResult{Held: r.Held, Confirmed: r.State == binding.Confirmed, Count: r.Count, Limit: r.Limit}
		if !r.Held {
			return errRollback
		}
		return nil
	})
	switch {
	case refused != nil:
		return review.SlotResult{}, refused
	case errors.Is(err, errRollback):
		return res, nil
	case err != nil:
		return review.SlotResult{}, dbError("open case", err)
	}
	return res, nil
}

// Get implements [review.Store].
func (s *Store) Get(ctx context.Context, id string) (*review.Case, error) {
	if err := s.open(); err != nil {
		return nil, err
	}
	c, err := oneCase(s.pool.Query(ctx, s.sql.byID, id))
	return found(c, err, "get case")
}

// Pending implements [review.Store].
func (s *Store) Pending(ctx context.Context, account string) (*review.Case, error) {
	if err := s.open(); err != nil {
		return nil, err
	}
	c, err := oneCase(s.pool.Query(ctx, s.sql.pending, account))
	return found(c, err, "pending case")
}

func found(c *review.Case, err error, op string) (*review.Case, error) {
	switch {
	case err != nil:
		return nil, dbError(op, err)
	case c == nil:
		return nil, review.ErrNotFound
	}
	return c, nil
}

// leased reports whether someone other than actor holds c under a lease
// still running at t.
func leased(c *review.Case, actor string, t time.Time) bool {
	return c.State.Pending() && c.ClaimedBy != "" && c.ClaimedBy != actor && c.ClaimedUntil.After(t)
}

// Decide implements [review.Store] in one transaction of two round trips.
// The first begins it, locks the certificate as the binding calls do and then
// the case's row (SELECT … FOR UPDATE), and reads the account's slot;
// [review.Apply] moves the case; the second moves the slot, writes the case
// and commits. An approval confirms the slot through take, the function of
// [Store.Confirm], with its lock, limit and count, in the statement that
// updates the case only when take holds the slot; a rejection or withdrawal
// frees it through release, the function of [Store.Release]. When the slot
// cannot move, nothing does.
//
// A slot whose expiry passed, or that is gone after the expiry Open gave it
// passed, has lapsed: approval takes it again within [review.Decision.Limit]
// ([review.ErrSlotLost] when the certificate is full), and a rejection or
// withdrawal has nothing to free. A slot gone before its expiry, or without
// one, was released behind the case's back: [review.ErrSlotMissing].
func (s *Store) Decide(ctx context.Context, d review.Decision) (*review.Case, error) {
	if err := s.open(); err != nil {
		return nil, err
	}
	if d.At.IsZero() {
		return nil, request("decision without a time")
	}
	for try := 0; ; try++ {
		c, err := s.decide(ctx, d)
		if errors.Is(err, errRelabelled) && try < maxTries {
			continue
		}
		return c, err
	}
}

// slotInfo is what the first round trip of a decision reads of the slot.
type slotInfo struct {
	found       bool       // the account has a row on the certificate
	expires     *time.Time // the row's expiry
	slotExpires *time.Time // the expiry Open gave the slot
}

// lapsed reports whether the slot's expiry passed at t, whether its row is
// still there or not.
func (i slotInfo) lapsed(t time.Time) bool {
	if i.found {
		return i.expires != nil && !i.expires.After(t)
	}
	return i.slotExpires != nil && !i.slotExpires.After(t)
}

func (s *Store) decide(ctx context.Context, d review.Decision) (*review.Case, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, dbError("decide", err)
	}
	defer done(conn)

	c, slot, err := s.lockCase(ctx, conn, d.ID)
	if err != nil {
		return nil, err
	}
	if leased(c, d.Actor, d.At) {
		return nil, review.ErrLeaseHeld
	}
	move, changed, err := review.Apply(c, d)
	if err != nil {
		return nil, err
	}
	if !changed {
		return c, nil // done rolls back
	}
	if c.Certificate == nil {
		move = review.SlotKeep
	}
	if move != review.SlotKeep && !slot.found && !slot.lapsed(d.At) {
		return nil, review.ErrSlotMissing
	}
	limit := int32(max(min(d.Limit, 1<<30), 1))
	if move == review.SlotConfirm && d.Limit < 1 && slot.lapsed(d.At) {
		return nil, request("limit %d is below 1", d.Limit)
	}
	doc, err := marshalDoc(c)
	if err != nil {
		return nil, err
	}
	by, until := claimArgs(c)
	args := []any{c.ID, int16(c.State), by, until, doc, timeOrNull(review.DecidedTime(c))}
	b := &pgx.Batch{}
	switch move {
	case review.SlotConfirm:
		ref := c.Certificate
		b.Queue(s.sql.confirm, append(args, ref.Digest[:], ref.SecretID, c.Account, limit, d.At)...)
	case review.SlotRelease:
		ref := c.Certificate
		b.Queue(s.sql.release, ref.Digest[:], ref.SecretID, c.Account, d.At)
		b.Queue(s.sql.update, args...)
	default:
		b.Queue(s.sql.update, args...)
	}
	b.Queue("COMMIT")
	br := conn.SendBatch(ctx, b)
	lost := false
	if move == review.SlotConfirm {
		var ok bool
		err = br.QueryRow().Scan(&ok)
		if errors.Is(err, pgx.ErrNoRows) {
			// take refused the lapsed slot: the certificate is full. The
			// transaction changed nothing but, perhaps, expired rows that
			// never count.
			lost, err = true, nil
		}
	} else {
		for range b.Len() - 1 {
			if _, err = br.Exec(); err != nil {
				break
			}
		}
	}
	if err == nil {
		err = commit(br)
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return nil, dbError("decide", err)
	case lost:
		return nil, review.ErrSlotLost
	}
	return kept(c), nil
}

// lockCase begins a transaction on conn, locks the case's certificate and
// then its row, reads the account's slot on the certificate, and returns the
// case and its slot. It returns [review.ErrNotFound] for no case and
// errRelabelled when the certificate changed in between.
func (s *Store) lockCase(ctx context.Context, conn *pgxpool.Conn, id string) (*review.Case, slotInfo, error) {
	b := &pgx.Batch{}
	b.Queue(beginRC)
	b.Queue(s.sql.lockCert, id)
	b.Queue(s.sql.forUpdate, id)
	br := conn.SendBatch(ctx, b)
	var slot slotInfo
	c, locked, err := func() (*review.Case, []byte, error) {
		if _, err := br.Exec(); err != nil {
			return nil, nil, err
		}
		var locked []byte
		if err := br.QueryRow().Scan(&locked, nil); err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return nil, nil, err
		}
		c, err := scanCase(br.QueryRow(), &slot.found, &slot.expires, &slot.slotExpires)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, locked, nil
		}
		return c, locked, err
	}()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return nil, slot, dbError("decide", err)
	case c == nil:
		return nil, slot, review.ErrNotFound
	case !sameCert(c.Certificate, locked):
		return nil, slot, errRelabelled
	}
	return c, slot, nil
}

func sameCert(ref *review.CertificateRef, locked []byte) bool {
	if ref == nil {
		return locked == nil
	}
	return string(ref.Digest[:]) == string(locked)
}

// reviewerKey is the second key of a reviewer's advisory lock.
func reviewerKey(reviewer string) int32 {
	h := fnv.New32a()
	h.Write([]byte(reviewer))
	return int32(h.Sum32())
}

// Claim implements [review.Store] in one round trip: a transaction that
// takes the reviewer's advisory lock, so one reviewer's claims run one at a
// time, and runs one statement. The statement takes the reviewer's live case
// or else the head of the queue index with FOR UPDATE SKIP LOCKED, so
// concurrent reviewers never wait for each other's case nor take the same
// one, and claims it, moving a submitted case to UnderReview.
func (s *Store) Claim(ctx context.Context, reviewer string, now time.Time, lease time.Duration) (*review.Case, error) {
	if err := s.open(); err != nil {
		return nil, err
	}
	switch {
	case reviewer == "" || len(reviewer) > binding.MaxAccountLen:
		return nil, request("reviewer is empty or longer than %d bytes", binding.MaxAccountLen)
	case now.IsZero():
		return nil, request("zero time")
	case lease <= 0:
		return nil, request("lease %v is not positive", lease)
	}
	// The event review.Apply appends when a submitted case is claimed.
	probe := &review.Case{State: review.Submitted}
	if _, _, err := review.Apply(probe, review.Decision{To: review.UnderReview, Actor: reviewer, At: now}); err != nil {
		return nil, err
	}
	event, err := json.Marshal(probe.History)
	if err != nil {
		return nil, err
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, dbError("claim", err)
	}
	defer done(conn)
	b := &pgx.Batch{}
	b.Queue(beginRC)
	sync := "on"
	if !s.syncClaims {
		sync = "off"
	}
	b.Queue(`SELECT pg_advisory_xact_lock($1::int4, $2::int4), set_config('synchronous_commit', $3, true)`,
		reviewerLock, reviewerKey(reviewer), sync)
	b.Queue(s.sql.claim, reviewer, now, now.Add(lease), event)
	b.Queue("COMMIT")
	br := conn.SendBatch(ctx, b)
	c, err := func() (*review.Case, error) {
		for range b.Len() - 2 {
			if _, err := br.Exec(); err != nil {
				return nil, err
			}
		}
		c, err := oneCase(br.Query())
		if err != nil {
			return nil, err
		}
		return c, commit(br)
	}()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return nil, dbError("claim", err)
	case c == nil:
		return nil, review.ErrNotFound
	}
	return c, nil
}

// List implements [review.Store]. Pending cases are read through the queue
// index from the cursor on, so a page costs the same however many cases the
// table holds.
func (s *Store) List(ctx context.Context, q review.Query) ([]*review.Case, error) {
	if err := s.open(); err != nil {
		return nil, err
	}
	where, args, err := listQuery(q)
	if err != nil {
		return nil, err
	}
	cs, err := collectCases(s.pool.Query(ctx, s.sql.list+where, args...))
	if err != nil {
		return nil, dbError("list cases", err)
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
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	b.WriteString("WHERE ")
	switch {
	case pending || !q.OverdueAt.IsZero():
		// The exact WHERE of the partial queue index.
		b.WriteString(pendingStates + " AND ")
	case final && q.Unpurged:
		// The exact WHERE of the partial index of the purge.
		b.WriteString(finalUnpurged + " AND ")
	case !q.DecidedBefore.IsZero():
		b.WriteString("NOT " + pendingStates + " AND ")
	}
	b.WriteString("state IN (" + strings.Join(list, ", ") + ")")
	if q.Unpurged && !final {
		b.WriteString(" AND files_purged_at IS NULL")
	}
	if !q.OverdueAt.IsZero() {
		b.WriteString(" AND due_at <= " + arg(q.OverdueAt))
	}
	if !q.DecidedBefore.IsZero() {
		b.WriteString(" AND decided_at <= " + arg(q.DecidedBefore))
	}
	if q.Account != "" {
		b.WriteString(" AND account = " + arg(q.Account))
	}
	if q.Kind != 0 {
		b.WriteString(" AND kind = " + arg(int16(q.Kind)))
	}
	if q.Region != "" {
		b.WriteString(" AND region = " + arg(q.Region))
	}
	if !q.After.IsZero() {
		b.WriteString(" AND (due_at, id) > (" + arg(q.After.Due) + ", " + arg(q.After.ID) + ")")
	}
	b.WriteString(" ORDER BY due_at, id LIMIT " + arg(int32(q.Page())))
	return b.String(), args, nil
}

// Stats implements [review.Store] in one statement, so one snapshot.
func (s *Store) Stats(ctx context.Context, now, since time.Time) (review.Stats, error) {
	if err := s.open(); err != nil {
		return review.Stats{}, err
	}
	var n [4]int64
	if err := s.pool.QueryRow(ctx, s.sql.stats, now, since).Scan(&n[0], &n[1], &n[2], &n[3]); err != nil {
		return review.Stats{}, dbError("stats", err)
	}
	return review.Stats{Pending: int(n[0]), Overdue: int(n[1]), Decided: int(n[2]), DecidedInTime: int(n[3])}, nil
}

// Expire implements [review.Store] in one transaction: it reads the pending
// cases submitted before before, locks their certificates in the one order
// of lock_certs and then their rows, withdraws each with [review.Apply] and
// releases its slot through release, the function of [Store.Release]; a slot
// already gone is no error.
func (s *Store) Expire(ctx context.Context, before, now time.Time) (int, error) {
	if err := s.open(); err != nil {
		return 0, err
	}
	if now.IsZero() {
		return 0, request("zero time")
	}
	for try := 0; ; try++ {
		n, err := s.expire(ctx, before, now)
		if errors.Is(err, errRelabelled) && try < maxTries {
			continue
		}
		return n, err
	}
}

func (s *Store) expire(ctx context.Context, before, now time.Time) (int, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return 0, dbError("expire", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var ids []string
	var certs [][]byte
	rows, err := tx.Query(ctx, s.sql.expiring, before)
	if err != nil {
		return 0, dbError("expire", err)
	}
	for rows.Next() {
		var id string
		var cert []byte
		if err := rows.Scan(&id, &cert); err != nil {
			rows.Close()
			return 0, dbError("expire", err)
		}
		ids = append(ids, id)
		if cert != nil {
			certs = append(certs, cert)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, dbError("expire", err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	if _, err := tx.Exec(ctx, s.sql.lockCerts, certs); err != nil {
		return 0, dbError("expire", err)
	}
	locked := make(map[string]bool, len(certs))
	for _, c := range certs {
		locked[string(c)] = true
	}
	cs, err := collectCases(tx.Query(ctx, s.sql.expireLock, ids, before))
	if err != nil {
		return 0, dbError("expire", err)
	}
	b := &pgx.Batch{}
	for _, c := range cs {
		if c.Certificate != nil && !locked[string(c.Certificate.Digest[:])] {
			return 0, errRelabelled
		}
		move, changed, err := review.Apply(c, review.Decision{ID: c.ID, To: review.Withdrawn, Actor: "system", Note: "expired", At: now})
		if err != nil || !changed {
			return 0, fmt.Errorf("binding/postgres: expire: case %q cannot be withdrawn: %v", c.ID, err)
		}
		if move == review.SlotRelease {
			b.Queue(s.sql.release, c.Certificate.Digest[:], c.Certificate.SecretID, c.Account, now)
		}
		doc, err := marshalDoc(c)
		if err != nil {
			return 0, err
		}
		b.Queue(s.sql.update, c.ID, int16(c.State), nil, nil, doc, timeOrNull(c.DecidedAt))
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return 0, dbError("expire", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, dbError("expire", err)
	}
	return len(cs), nil
}
