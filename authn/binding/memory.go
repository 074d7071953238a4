package binding

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/realname-go/realname/authn/review"
)

// ErrClosed is returned by a store used after Close.
var ErrClosed = errors.New("binding: store closed")

// Memory is a [Store] and a [review.Store] in process memory, for tests and
// single-process use: the slots and the review cases beside them. One mutex
// over both makes every call atomic, so a case and its slot always move
// together. Cases are copied in and out: callers never share stored values.
// The zero value is not usable; call [NewMemory].
type Memory struct {
	mu    sync.Mutex
	certs map[Digest]map[string]slot
	// cases by ID; pending maps an account to its pending case's ID; refs
	// indexes the IDs of cases with a certificate by its digest.
	cases   map[string]*caseRecord
	pending map[string]string
	refs    map[Digest]map[string]bool
	closed  bool
}

var (
	_ Store        = (*Memory)(nil)
	_ review.Store = (*Memory)(nil)
)

type slot struct {
	state    State
	expires  time.Time
	secretID string
}

func (s slot) live(now time.Time) bool { return s.expires.IsZero() || s.expires.After(now) }

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory {
	return &Memory{
		certs:   map[Digest]map[string]slot{},
		cases:   map[string]*caseRecord{},
		pending: map[string]string{},
		refs:    map[Digest]map[string]bool{},
	}
}

// Reserve implements [Store].
func (m *Memory) Reserve(ctx context.Context, r Request) (Result, error) {
	return m.take(ctx, r, Pending)
}

// Confirm implements [Store].
func (m *Memory) Confirm(ctx context.Context, r Request) (Result, error) {
	r.Expires = time.Time{}
	return m.take(ctx, r, Confirmed)
}

func (m *Memory) take(ctx context.Context, r Request, want State) (Result, error) {
	if err := CheckRequest(r); err != nil {
		return Result{}, err
	}
	if err := m.enter(ctx); err != nil {
		return Result{}, err
	}
	defer m.mu.Unlock()
	return m.takeLocked(r, want), nil
}

// takeLocked is the body of Reserve and Confirm, for a valid request. m.mu
// must be held.
func (m *Memory) takeLocked(r Request, want State) Result {
	slots := m.slots(r.Key, r.Now)
	res := Result{Limit: r.Limit}
	s, held := slots[r.Account]
	switch {
	case held:
		if want == Confirmed {
			s.state, s.expires = Confirmed, time.Time{}
		} else if s.state == Pending {
			s.expires = r.Expires
		}
	case len(slots) >= r.Limit:
		res.Count = len(slots)
		return res
	default:
		s = slot{state: want, expires: r.Expires}
	}
	s.secretID = r.Key.SecretID
	slots[r.Account] = s
	res.Held, res.State, res.Count = true, s.state, len(slots)
	return res
}

// Release implements [Store].
func (m *Memory) Release(ctx context.Context, key Key, account string, now time.Time) (Result, error) {
	if err := checkKeyAccount(key, account, now); err != nil {
		return Result{}, err
	}
	if err := m.enter(ctx); err != nil {
		return Result{}, err
	}
	defer m.mu.Unlock()
	return m.releaseLocked(key, account, now), nil
}

// releaseLocked is the body of Release. m.mu must be held.
func (m *Memory) releaseLocked(key Key, account string, now time.Time) Result {
	slots := m.slots(key, now)
	delete(slots, account)
	if len(slots) == 0 {
		delete(m.certs, key.Current)
	}
	return Result{Count: len(slots)}
}

// ReleaseAccount implements [Store].
func (m *Memory) ReleaseAccount(ctx context.Context, account string) (int, error) {
	if err := CheckAccount(account); err != nil {
		return 0, err
	}
	if err := m.enter(ctx); err != nil {
		return 0, err
	}
	defer m.mu.Unlock()
	n := 0
	for d, slots := range m.certs {
		if _, ok := slots[account]; ok {
			delete(slots, account)
			n++
		}
		if len(slots) == 0 {
			delete(m.certs, d)
		}
	}
	return n, nil
}

// Status implements [Store].
func (m *Memory) Status(ctx context.Context, key Key, account string, now time.Time) (Result, error) {
	if err := checkKeyAccount(key, account, now); err != nil {
		return Result{}, err
	}
	if err := m.enter(ctx); err != nil {
		return Result{}, err
	}
	defer m.mu.Unlock()
	var res Result
	seen := map[string]bool{}
	for _, d := range key.Digests() {
		for a, s := range m.certs[d] {
			if !s.live(now) || seen[a] {
				continue
			}
			seen[a] = true
			if a == account {
				res.Held, res.State = true, s.state
			}
		}
	}
	res.Count = len(seen)
	return res, nil
}

// Sweep implements [Store].
func (m *Memory) Sweep(ctx context.Context, now time.Time) (int, error) {
	if err := m.enter(ctx); err != nil {
		return 0, err
	}
	defer m.mu.Unlock()
	n := 0
	for d, slots := range m.certs {
		for a, s := range slots {
			if !s.live(now) {
				delete(slots, a)
				n++
			}
		}
		if len(slots) == 0 {
			delete(m.certs, d)
		}
	}
	return n, nil
}

// enter locks m for one call: it returns ctx's error or [ErrClosed]
// without holding the lock, and nil holding it.
func (m *Memory) enter(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return ErrClosed
	}
	return nil
}

// Close implements [Store]; later calls return [ErrClosed].
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	m.certs, m.cases, m.pending, m.refs = nil, nil, nil, nil
	return nil
}

// slots returns the live slots of key under its current digest, after moving
// slots found under previous digests there, relabelling the cases that refer
// to those digests with them, and dropping expired slots. m.mu must be held.
func (m *Memory) slots(key Key, now time.Time) map[string]slot {
	cur := m.certs[key.Current]
	if cur == nil {
		cur = map[string]slot{}
		m.certs[key.Current] = cur
	}
	for _, d := range key.Previous {
		if d == key.Current {
			continue
		}
		for a, s := range m.certs[d] {
			if have, ok := cur[a]; !ok || stronger(s, have) {
				s.secretID = key.SecretID
				cur[a] = s
			}
		}
		delete(m.certs, d)
		m.relabel(d, key)
	}
	for a, s := range cur {
		if !s.live(now) {
			delete(cur, a)
		}
	}
	return cur
}

// stronger reports whether a should win over b when one account has slots
// under two digests of one certificate: a confirmed slot wins over a pending
// one, otherwise the slot under the current digest stays.
func stronger(a, b slot) bool { return a.state > b.state }

func checkKeyAccount(key Key, account string, now time.Time) error {
	if err := CheckKey(key, now); err != nil {
		return err
	}
	return CheckAccount(account)
}
