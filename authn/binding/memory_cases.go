package binding

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
)

// The review.Store half of Memory: cases kept beside the slots, under the
// same mutex.

// caseRecord is a stored case and what the store remembers beside it.
type caseRecord struct {
	// c is owned by the store: never handed out, replaced on every move.
	c *review.Case
	// slotExpires is the expiry of the slot request the case was opened
	// with (zero: none). Once it has passed, a missing slot lapsed rather
	// than went behind the case's back.
	slotExpires time.Time
	// openedFinal: the case was stored final (rejected at once by the
	// machine), so Stats does not count it as decided.
	openedFinal bool
}

// refKey returns the binding key of a case's certificate.
func refKey(ref *review.CertificateRef) Key {
	return Key{Current: Digest(ref.Digest), SecretID: ref.SecretID}
}

func requestError(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrRequest}, args...)...)
}

// checkCase returns an error matching [ErrRequest] when c cannot be stored.
func checkCase(c *review.Case) error {
	switch {
	case c == nil:
		return requestError("nil case")
	case c.ID == "" || len(c.ID) > MaxAccountLen:
		return requestError("case ID is empty or longer than %d bytes", MaxAccountLen)
	case c.SubmittedAt.IsZero():
		return requestError("case without a submission time")
	}
	if _, err := c.State.MarshalText(); err != nil {
		return requestError("%v", err)
	}
	if err := CheckAccount(c.Account); err != nil {
		return err
	}
	if c.Certificate != nil {
		return CheckKey(refKey(c.Certificate), c.SubmittedAt)
	}
	return nil
}

// Open implements [review.Store]. The slot is reserved at c.SubmittedAt.
func (m *Memory) Open(ctx context.Context, c *review.Case, slot *review.SlotRequest) (review.SlotResult, error) {
	if err := checkCase(c); err != nil {
		return review.SlotResult{}, err
	}
	var r Request
	withSlot := c.State.Pending() && c.Certificate != nil
	if withSlot {
		if slot == nil {
			return review.SlotResult{}, requestError("a pending case with a certificate needs a slot request")
		}
		r = Request{Key: refKey(c.Certificate), Account: c.Account, Limit: slot.Limit, Now: c.SubmittedAt, Expires: slot.Expires}
		if err := CheckRequest(r); err != nil {
			return review.SlotResult{}, err
		}
	}
	if err := m.enter(ctx); err != nil {
		return review.SlotResult{}, err
	}
	defer m.mu.Unlock()
	if id, ok := m.pending[c.Account]; ok && c.State.Pending() {
		return review.SlotResult{}, &review.OpenCaseError{Case: cloneCase(m.cases[id].c)}
	}
	if _, ok := m.cases[c.ID]; ok {
		return review.SlotResult{}, fmt.Errorf("binding: case %q is already stored", c.ID)
	}
	var res review.SlotResult
	rec := &caseRecord{c: cloneCase(c), openedFinal: c.State.Final()}
	rec.c.DecidedAt = review.DecidedTime(c)
	if withSlot {
		got := m.takeLocked(r, Pending)
		res = review.SlotResult{Held: got.Held, Confirmed: got.State == Confirmed, Count: got.Count, Limit: r.Limit}
		if !got.Held {
			return res, nil
		}
		rec.slotExpires = slot.Expires
	}
	m.cases[c.ID] = rec
	if c.State.Pending() {
		m.pending[c.Account] = c.ID
	}
	if c.Certificate != nil {
		m.index(c.Certificate.Digest, c.ID)
	}
	return res, nil
}

// Get implements [review.Store].
func (m *Memory) Get(ctx context.Context, id string) (*review.Case, error) {
	if err := m.enter(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	rec, ok := m.cases[id]
	if !ok {
		return nil, review.ErrNotFound
	}
	return cloneCase(rec.c), nil
}

// Pending implements [review.Store].
func (m *Memory) Pending(ctx context.Context, account string) (*review.Case, error) {
	if err := m.enter(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	id, ok := m.pending[account]
	if !ok {
		return nil, review.ErrNotFound
	}
	return cloneCase(m.cases[id].c), nil
}

// Decide implements [review.Store]. It evaluates the lease and the slot at
// d.At. A slot that is gone although the case's slot request has not expired
// was released behind the case's back ([review.ErrSlotMissing]); one whose
// expiry has passed lapsed: approval takes it again within d.Limit
// ([review.ErrSlotLost] when the certificate is full), and a rejection or
// withdrawal has nothing left to free.
func (m *Memory) Decide(ctx context.Context, d review.Decision) (*review.Case, error) {
	if d.At.IsZero() {
		return nil, requestError("decision without a time")
	}
	if err := m.enter(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	rec, ok := m.cases[d.ID]
	if !ok {
		return nil, review.ErrNotFound
	}
	if leased(rec.c, d.Actor, d.At) {
		return nil, review.ErrLeaseHeld
	}
	c := cloneCase(rec.c)
	move, changed, err := review.Apply(c, d)
	if err != nil {
		return nil, err
	}
	if !changed {
		return c, nil
	}
	if err := m.moveSlot(rec, c, move, d.Limit, d.At, false); err != nil {
		return nil, err
	}
	m.save(rec, c)
	return cloneCase(c), nil
}

// leased reports whether someone other than actor holds c under a lease
// still running at t.
func leased(c *review.Case, actor string, t time.Time) bool {
	return c.ClaimedBy != "" && c.ClaimedBy != actor && c.ClaimedUntil.After(t)
}

// moveSlot confirms or releases the slot of the case c (the moved copy of
// rec's case) at now, or returns why it cannot, changing nothing. With
// missingOK a missing slot is no error (Expire). m.mu must be held.
func (m *Memory) moveSlot(rec *caseRecord, c *review.Case, move review.SlotMove, limit int, now time.Time, missingOK bool) error {
	if move == review.SlotKeep || c.Certificate == nil {
		return nil
	}
	key := refKey(c.Certificate)
	s, ok := m.certs[key.Current][c.Account]
	live := ok && s.live(now)
	if !live && !missingOK {
		lapsed := !rec.slotExpires.IsZero() && !rec.slotExpires.After(now)
		if !lapsed {
			return review.ErrSlotMissing
		}
	}
	switch move {
	case review.SlotRelease:
		m.releaseLocked(key, c.Account, now)
	case review.SlotConfirm:
		if !live {
			if limit < 1 {
				return requestError("limit %d is below 1", limit)
			}
			if m.countLive(key.Current, now) >= limit {
				return review.ErrSlotLost
			}
		}
		m.takeLocked(Request{Key: key, Account: c.Account, Limit: max(limit, 1), Now: now}, Confirmed)
	}
	return nil
}

// countLive returns how many accounts hold a live slot under d at now,
// changing nothing. m.mu must be held.
func (m *Memory) countLive(d Digest, now time.Time) int {
	n := 0
	for _, s := range m.certs[d] {
		if s.live(now) {
			n++
		}
	}
	return n
}

// save stores c, the moved copy of rec's case. m.mu must be held.
func (m *Memory) save(rec *caseRecord, c *review.Case) {
	if !c.State.Pending() && m.pending[c.Account] == c.ID {
		delete(m.pending, c.Account)
	}
	// Apply shares the parameters of the decision's reasons: copy again.
	rec.c = cloneCase(c)
}

// Claim implements [review.Store].
func (m *Memory) Claim(ctx context.Context, reviewer string, now time.Time, lease time.Duration) (*review.Case, error) {
	switch {
	case reviewer == "" || len(reviewer) > MaxAccountLen:
		return nil, requestError("reviewer is empty or longer than %d bytes", MaxAccountLen)
	case now.IsZero():
		return nil, requestError("zero time")
	case lease <= 0:
		return nil, requestError("lease %v is not positive", lease)
	}
	if err := m.enter(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	var mine, free *caseRecord
	for _, id := range m.pending {
		rec := m.cases[id]
		c := rec.c
		switch {
		case c.ClaimedBy == reviewer && c.ClaimedUntil.After(now):
			if mine == nil || queueOrder(c, mine.c) < 0 {
				mine = rec
			}
		case c.ClaimedBy == "" || !c.ClaimedUntil.After(now):
			if free == nil || queueOrder(c, free.c) < 0 {
				free = rec
			}
		}
	}
	rec := cmp.Or(mine, free)
	if rec == nil {
		return nil, review.ErrNotFound
	}
	c := cloneCase(rec.c)
	if c.State == review.Submitted {
		if _, _, err := review.Apply(c, review.Decision{ID: c.ID, To: review.UnderReview, Actor: reviewer, At: now}); err != nil {
			return nil, err
		}
	}
	c.ClaimedBy, c.ClaimedUntil = reviewer, now.Add(lease)
	rec.c = c
	return cloneCase(c), nil
}

// queueOrder orders cases by deadline, then ID.
func queueOrder(a, b *review.Case) int {
	if c := a.Due.At.Compare(b.Due.At); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// after reports whether c comes strictly after cur in (deadline, ID) order.
func after(c *review.Case, cur review.Cursor) bool {
	if !c.Due.At.Equal(cur.Due) {
		return c.Due.At.After(cur.Due)
	}
	return c.ID > cur.ID
}

// List implements [review.Store].
func (m *Memory) List(ctx context.Context, q review.Query) ([]*review.Case, error) {
	states, err := q.Selected()
	if err != nil {
		return nil, requestError("%v", err)
	}
	limit := q.Page()
	if err := m.enter(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	var out []*review.Case
	for _, rec := range m.cases {
		c := rec.c
		switch {
		case !slices.Contains(states, c.State),
			!q.OverdueAt.IsZero() && (!c.State.Pending() || c.Due.At.After(q.OverdueAt)),
			q.Account != "" && c.Account != q.Account,
			q.Kind != 0 && c.Kind != q.Kind,
			q.Region != "" && c.Region != q.Region,
			!q.DecidedBefore.IsZero() && (!c.State.Final() || c.DecidedAt.After(q.DecidedBefore)),
			q.Unpurged && !c.FilesPurgedAt.IsZero(),
			!q.After.IsZero() && !after(c, q.After):
			continue
		}
		out = append(out, c)
	}
	slices.SortFunc(out, queueOrder)
	if len(out) > limit {
		out = out[:limit]
	}
	for i, c := range out {
		out[i] = cloneCase(c)
	}
	return out, nil
}

// Stats implements [review.Store]. A case decided at its deadline is late:
// it was overdue by then.
func (m *Memory) Stats(ctx context.Context, now, since time.Time) (review.Stats, error) {
	if err := m.enter(ctx); err != nil {
		return review.Stats{}, err
	}
	defer m.mu.Unlock()
	var st review.Stats
	for _, rec := range m.cases {
		c := rec.c
		switch {
		case c.State.Pending():
			st.Pending++
			if !c.Due.At.After(now) {
				st.Overdue++
			}
		case (c.State == review.Approved || c.State == review.Rejected) && !rec.openedFinal && !c.DecidedAt.Before(since):
			st.Decided++
			if c.DecidedAt.Before(c.Due.At) {
				st.DecidedInTime++
			}
		}
	}
	return st, nil
}

// Expire implements [review.Store]. It closes a pending case whose slot is
// missing too: that is the way out for it.
func (m *Memory) Expire(ctx context.Context, before, now time.Time) (int, error) {
	if now.IsZero() {
		return 0, requestError("zero time")
	}
	if err := m.enter(ctx); err != nil {
		return 0, err
	}
	defer m.mu.Unlock()
	type expiry struct {
		rec  *caseRecord
		c    *review.Case
		move review.SlotMove
	}
	// Move copies first, so an error leaves every case as it was.
	var expiring []expiry
	for _, id := range m.pending {
		rec := m.cases[id]
		if !rec.c.SubmittedAt.Before(before) {
			continue
		}
		c := cloneCase(rec.c)
		move, _, err := review.Apply(c, review.Decision{ID: c.ID, To: review.Withdrawn, Actor: "system", Note: "expired", At: now})
		if err != nil {
			return 0, fmt.Errorf("binding: expire case %q: %w", c.ID, err)
		}
		expiring = append(expiring, expiry{rec, c, move})
	}
	for _, e := range expiring {
		_ = m.moveSlot(e.rec, e.c, e.move, 0, now, true) // a release never fails
		m.save(e.rec, e.c)
	}
	return len(expiring), nil
}

// Note implements [review.Store] with [review.AddNote].
func (m *Memory) Note(ctx context.Context, id string, ev review.Event) (*review.Case, error) {
	return m.change(ctx, id, func(c *review.Case) (bool, error) {
		return true, review.AddNote(c, ev)
	})
}

// MarkPurged implements [review.Store] with [review.Purge].
func (m *Memory) MarkPurged(ctx context.Context, id string, at time.Time) (*review.Case, error) {
	if at.IsZero() {
		return nil, requestError("zero time")
	}
	return m.change(ctx, id, func(c *review.Case) (bool, error) {
		return review.Purge(c, at)
	})
}

// change applies fn to a copy of the case id and keeps the copy when fn
// changed it, under the lock, as the SQL stores' change does in a
// transaction; it returns the case after it. An error of fn reaches the
// caller as it is, and nothing changes.
func (m *Memory) change(ctx context.Context, id string, fn func(c *review.Case) (bool, error)) (*review.Case, error) {
	if err := m.enter(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	rec, ok := m.cases[id]
	if !ok {
		return nil, review.ErrNotFound
	}
	c := cloneCase(rec.c)
	changed, err := fn(c)
	if err != nil {
		return nil, err
	}
	if changed {
		rec.c = cloneCase(c)
	}
	return c, nil
}

// relabel points the cases whose certificate has the digest from to key's
// current digest and secret, as their slots move there. m.mu must be held.
func (m *Memory) relabel(from Digest, key Key) {
	ids := m.refs[from]
	if len(ids) == 0 {
		return
	}
	delete(m.refs, from)
	for id := range ids {
		c := m.cases[id].c
		c.Certificate.Digest, c.Certificate.SecretID = review.Digest(key.Current), key.SecretID
		m.index(c.Certificate.Digest, id)
	}
}

// index records that the case id refers to the digest d.
func (m *Memory) index(d review.Digest, id string) {
	ids := m.refs[Digest(d)]
	if ids == nil {
		ids = map[string]bool{}
		m.refs[Digest(d)] = ids
	}
	ids[id] = true
}

// cloneCase returns a deep copy of c.
func cloneCase(c *review.Case) *review.Case {
	d := *c
	d.Reasons = cloneViolations(c.Reasons)
	d.Findings = cloneViolations(c.Findings)
	d.History = slices.Clone(c.History)
	for i := range d.History {
		d.History[i].Reasons = cloneViolations(d.History[i].Reasons)
		d.History[i].Checklist = slices.Clone(d.History[i].Checklist)
	}
	if c.Certificate != nil {
		ref := *c.Certificate
		d.Certificate = &ref
	}
	return &d
}

func cloneViolations(v []rules.Violation) []rules.Violation {
	out := slices.Clone(v)
	for i := range out {
		out[i].Params = slices.Clone(out[i].Params)
	}
	return out
}
