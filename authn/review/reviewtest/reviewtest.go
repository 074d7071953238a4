package reviewtest

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// Stores is what the suite tests: one store keeping both the binding slots
// and the review cases, in one database.
type Stores interface {
	review.Store
	binding.Store
}

// Goroutines is how many goroutines the race tests start on one certificate.
const Goroutines = 32

// Claimers is how many reviewers claim cases at once in the claim race.
const Claimers = 16

// Base is the clock of every test, a Monday: stores must use the times they
// are given, never their own clock.
var Base = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

// Limit is the account limit the suite reserves with.
const Limit = 3

// allStates lists every state, for listing all cases.
var allStates = []review.State{review.Submitted, review.UnderReview, review.Approved, review.Rejected, review.Withdrawn}

// Run runs the conformance suite of [review.Store] against stores made by
// open, which must return a new, empty store for each call (register any
// cleanup of its database with t.Cleanup). Run closes each store it gets
// at the end of its subtest, before the cleanups registered by open, and
// checks [CheckInvariants] at the end of every subtest.
func Run(t *testing.T, open func(t *testing.T) Stores) {
	t.Helper()
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, s Stores)
	}{
		{"OpenReservesSlot", testOpenReservesSlot},
		{"OpenLimitRefuses", testOpenLimitRefuses},
		{"OpenOnePendingCase", testOpenOnePendingCase},
		{"OpenFinalAndRetry", testOpenFinalAndRetry},
		{"OpenWithoutCertificate", testOpenWithoutCertificate},
		{"OpenInvalid", testOpenInvalid},
		{"Isolation", testIsolation},
		{"DecideApprove", testDecideApprove},
		{"DecideRelease", testDecideRelease},
		{"DecideIdempotent", testDecideIdempotent},
		{"DecideIllegal", testDecideIllegal},
		{"DecideNotFound", testDecideNotFound},
		{"DecideSlotMissing", testDecideSlotMissing},
		{"DecideSlotLost", testDecideSlotLost},
		{"DecideSlotSwept", testDecideSlotSwept},
		{"DecideLease", testDecideLease},
		{"ClaimOrder", testClaimOrder},
		{"ClaimLease", testClaimLease},
		{"List", testList},
		{"ListPages", testListPages},
		{"ListLimits", testListLimits},
		{"Stats", testStats},
		{"Expire", testExpire},
		{"KeyRotation", testKeyRotation},
		{"NoteKeepsState", testNoteKeepsState},
		{"NoteReveal", testNoteReveal},
		{"MarkPurged", testMarkPurged},
		{"DecidedAt", testDecidedAt},
		{"ListRetention", testListRetention},
		{"ListRetentionPages", testListRetentionPages},
		{"RaceNotes", testRaceNotes},
		{"ContextCancelled", testContextCancelled},
		{"RaceOpenOneCertificate", testRaceOpenOneCertificate},
		{"RaceOpenOneAccount", testRaceOpenOneAccount},
		{"RaceDecideTwoReviewers", testRaceDecideTwoReviewers},
		{"RaceApproveWithdraw", testRaceApproveWithdraw},
		{"RaceClaim", testRaceClaim},
		{"RaceChurn", testRaceChurn},
		{"Close", testClose},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			require.NotNil(t, s, "open returned nil")
			closed := tc.name == "Close"
			t.Cleanup(func() {
				if !closed {
					_ = s.Close()
				}
			})
			tc.fn(t, s)
			if !closed {
				CheckInvariants(t, s, Base)
			}
		})
	}
}

// Ref returns the i-th synthetic certificate of the suite: a German
// passport whose digest is the SHA-256 of a label, under secret "s1".
func Ref(i int) review.CertificateRef {
	return review.CertificateRef{
		Digest:   review.Digest(sha256.Sum256(fmt.Appendf(nil, "reviewtest certificate %d", i))),
		SecretID: "s1",
		Masked:   fmt.Sprintf("C%02d*****%d", i%100, i%10),
		Kind:     certificate.Passport,
		Region:   "DE",
	}
}

// KeyOf returns the binding key of ref: its digest as the current one, under
// its secret identifier, without previous digests.
func KeyOf(ref review.CertificateRef) binding.Key {
	return binding.Key{Current: binding.Digest(ref.Digest), SecretID: ref.SecretID}
}

// NewCase returns a submitted case of account on ref (nil: a number that did
// not parse), submitted at at and due at the end of the third day after it,
// with a finding and a history of one event. The case is attempt 1.
func NewCase(id, account string, ref *review.CertificateRef, at time.Time) *review.Case {
	dueDay := at.AddDate(0, 0, 3)
	c := &review.Case{
		ID:          id,
		Account:     account,
		Attempt:     1,
		State:       review.Submitted,
		SubmittedAt: at,
		Due: workday.Due{
			Date: certificate.Date{Year: dueDay.Year(), Month: dueDay.Month(), Day: dueDay.Day()},
			At:   time.Date(dueDay.Year(), dueDay.Month(), dueDay.Day()+1, 0, 0, 0, 0, at.Location()),
		},
		History: []review.Event{{To: review.Submitted, At: at, Actor: account, Note: "submitted"}},
		Kind:    certificate.Passport,
		Region:  "DE",
		Verdict: rules.NeedsReview,
		Findings: []rules.Violation{{
			Code:      "photo.exif_missing",
			Field:     "files.handheld",
			Params:    []rules.Param{{Name: "file", Value: "handheld.jpg"}},
			Severity:  rules.Review,
			Retryable: true,
		}},
	}
	if ref != nil {
		r := *ref
		c.Certificate = &r
		c.Kind, c.Region = r.Kind, r.Region
	}
	return c
}

// CheckInvariants checks what must hold between the cases and the slots of
// s at every moment, evaluating slots at now:
//
//   - an account has at most one pending case, and Pending returns it;
//   - a final case is held by nobody and has a [review.Case.DecidedAt]; a
//     pending case has neither DecidedAt nor FilesPurgedAt;
//   - a note keeps the state: its From and To are equal; a purged case
//     has its files_purged note at FilesPurgedAt;
//   - for an account and a certificate with cases: when a case is pending,
//     the account holds a pending slot (a confirmed one when an earlier
//     case on it was approved); otherwise, when the case decided last was
//     approved, a confirmed slot; otherwise no slot.
func CheckInvariants(t testing.TB, s Stores, now time.Time) {
	t.Helper()
	ctx := context.Background()
	cases, err := listAll(ctx, s)
	if !assert.NoError(t, err, "invariants: listing every case") {
		return
	}
	type pair struct {
		account string
		digest  review.Digest
	}
	groups := map[pair][]*review.Case{}
	pending := map[string][]string{}
	for _, c := range cases {
		if c.State.Pending() {
			pending[c.Account] = append(pending[c.Account], c.ID)
			assert.True(t, c.DecidedAt.IsZero(), "invariants: pending case %s has no DecidedAt", c.ID)
			assert.True(t, c.FilesPurgedAt.IsZero(), "invariants: pending case %s is not purged", c.ID)
		} else {
			assert.Empty(t, c.ClaimedBy, "invariants: final case %s is held by nobody", c.ID)
			assert.False(t, c.DecidedAt.IsZero(), "invariants: final case %s has a DecidedAt", c.ID)
		}
		checkNotes(t, c)
		if c.Certificate != nil {
			p := pair{c.Account, c.Certificate.Digest}
			groups[p] = append(groups[p], c)
		}
	}
	for account, ids := range pending {
		if !assert.Len(t, ids, 1, "invariants: account %s has one pending case", account) {
			continue
		}
		got, err := s.Pending(ctx, account)
		if assert.NoError(t, err, "invariants: Pending(%s)", account) {
			assert.Equal(t, ids[0], got.ID, "invariants: Pending(%s) returns its pending case", account)
		}
	}
	for p, group := range groups {
		key := KeyOf(*group[0].Certificate)
		res, err := s.Status(ctx, key, p.account, now)
		if !assert.NoError(t, err, "invariants: Status") {
			continue
		}
		want, why := expectedSlot(group)
		if want == binding.Pending && res.State == binding.Confirmed && anyApproved(group) {
			continue
		}
		assert.Equal(t, want, res.State, "invariants: account %s on certificate %s (%s): slot %s, want %s",
			p.account, group[0].Certificate.Masked, why, res.State, want)
		assert.Equal(t, want != binding.None, res.Held, "invariants: account %s holds a slot iff %s", p.account, why)
	}
}

// checkNotes checks the notes of c's history and its purge.
func checkNotes(t testing.TB, c *review.Case) {
	t.Helper()
	purged := false
	for i, ev := range c.History {
		if !ev.IsNote() {
			continue
		}
		assert.Equal(t, ev.From, ev.To, "invariants: note %d (%s) of case %s keeps the state", i, ev.Action, c.ID)
		if ev.Action == review.ActionFilesPurged && ev.At.Equal(c.FilesPurgedAt) {
			purged = true
		}
	}
	if !c.FilesPurgedAt.IsZero() {
		assert.True(t, purged, "invariants: purged case %s has its files_purged note at %v", c.ID, c.FilesPurgedAt)
	}
}

func anyApproved(cases []*review.Case) bool {
	return slices.ContainsFunc(cases, func(c *review.Case) bool { return c.State == review.Approved })
}

// expectedSlot returns the slot state the cases of one account on one
// certificate call for.
func expectedSlot(cases []*review.Case) (binding.State, string) {
	var last *review.Case
	for _, c := range cases {
		if c.State.Pending() {
			return binding.Pending, "case " + c.ID + " is " + c.State.String()
		}
		if last == nil || decidedAfter(c, last) {
			last = c
		}
	}
	if last.State == review.Approved {
		return binding.Confirmed, "case " + last.ID + " is approved"
	}
	return binding.None, "case " + last.ID + " is " + last.State.String()
}

func decidedAfter(a, b *review.Case) bool {
	at, bt := lastAt(a), lastAt(b)
	if !at.Equal(bt) {
		return at.After(bt)
	}
	if a.Attempt != b.Attempt {
		return a.Attempt > b.Attempt
	}
	return a.ID > b.ID
}

func lastAt(c *review.Case) time.Time {
	if len(c.History) == 0 {
		return c.SubmittedAt
	}
	return c.History[len(c.History)-1].At
}

// listAll lists every case of every state, page by page. It stops with an
// error when pages do not advance.
func listAll(ctx context.Context, s review.Store) ([]*review.Case, error) {
	var all []*review.Case
	var after review.Cursor
	seen := map[string]bool{}
	for range 100000 {
		page, err := s.List(ctx, review.Query{States: allStates, After: after, Limit: 200})
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			return all, nil
		}
		for _, c := range page {
			if seen[c.ID] {
				return nil, fmt.Errorf("reviewtest: List returned case %s twice while paging", c.ID)
			}
			seen[c.ID] = true
		}
		all = append(all, page...)
		after = review.CursorOf(page[len(page)-1])
	}
	return nil, errors.New("reviewtest: List never ran out of pages")
}

// canon returns the JSON of c with every time in UTC, so two cases whose
// times are Equal and whose other fields are equal give the same text.
func canon(c *review.Case) string {
	if c == nil {
		return "null"
	}
	d := *c
	d.SubmittedAt = d.SubmittedAt.UTC()
	d.Due.At = d.Due.At.UTC()
	d.ClaimedUntil = d.ClaimedUntil.UTC()
	d.DecidedAt = d.DecidedAt.UTC()
	d.FilesPurgedAt = d.FilesPurgedAt.UTC()
	d.History = slices.Clone(d.History)
	for i := range d.History {
		d.History[i].At = d.History[i].At.UTC()
	}
	b, err := json.Marshal(&d)
	if err != nil {
		return "marshal error: " + err.Error()
	}
	return string(b)
}

// clone returns a deep copy of c, through JSON.
func clone(t testing.TB, c *review.Case) *review.Case {
	t.Helper()
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var d review.Case
	require.NoError(t, json.Unmarshal(b, &d))
	return &d
}

// race starts n goroutines together and waits for them.
func race(n int, fn func(i int)) {
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Go(func() {
			start.Wait()
			fn(i)
		})
	}
	start.Done()
	done.Wait()
}

// h bundles a store and a test with helpers that fail the test on errors.
type h struct {
	t   *testing.T
	s   Stores
	ctx context.Context
}

func with(t *testing.T, s Stores) *h { return &h{t: t, s: s, ctx: context.Background()} }

// open opens c with the suite's limit and requires success.
func (x *h) open(c *review.Case) review.SlotResult {
	x.t.Helper()
	var slot *review.SlotRequest
	if c.State.Pending() && c.Certificate != nil {
		slot = &review.SlotRequest{Limit: Limit}
	}
	res, err := x.s.Open(x.ctx, c, slot)
	require.NoError(x.t, err, "Open(%s)", c.ID)
	return res
}

// openPending opens a submitted case of account on ref at Base and requires
// that it holds its slot.
func (x *h) openPending(id, account string, ref review.CertificateRef) *review.Case {
	x.t.Helper()
	c := NewCase(id, account, &ref, Base)
	res := x.open(c)
	require.True(x.t, res.Held, "Open(%s) holds its slot: %+v", id, res)
	return c
}

func (x *h) get(id string) *review.Case {
	x.t.Helper()
	c, err := x.s.Get(x.ctx, id)
	require.NoError(x.t, err, "Get(%s)", id)
	return c
}

func (x *h) status(ref review.CertificateRef, account string) binding.Result {
	x.t.Helper()
	res, err := x.s.Status(x.ctx, KeyOf(ref), account, Base)
	require.NoError(x.t, err, "Status")
	return res
}

func (x *h) reserve(ref review.CertificateRef, account string) binding.Result {
	x.t.Helper()
	res, err := x.s.Reserve(x.ctx, binding.Request{Key: KeyOf(ref), Account: account, Limit: Limit, Now: Base})
	require.NoError(x.t, err, "Reserve")
	return res
}

func (x *h) release(ref review.CertificateRef, account string) {
	x.t.Helper()
	_, err := x.s.Release(x.ctx, KeyOf(ref), account, Base)
	require.NoError(x.t, err, "Release")
}

func (x *h) decide(d review.Decision) *review.Case {
	x.t.Helper()
	c, err := x.s.Decide(x.ctx, d)
	require.NoError(x.t, err, "Decide(%s → %s by %s)", d.ID, d.To, d.Actor)
	return c
}

// equal asserts that got is the case want, times compared with Equal.
func (x *h) equal(want, got *review.Case, msgAndArgs ...any) bool {
	x.t.Helper()
	return assert.JSONEq(x.t, canon(want), canon(got), msgAndArgs...)
}

// snapshot describes every case of the store and the slots of the given
// accounts on the given certificates, for "nothing changes" checks.
func (x *h) snapshot(refs []review.CertificateRef, accounts ...string) string {
	x.t.Helper()
	cases, err := listAll(x.ctx, x.s)
	require.NoError(x.t, err)
	sort.Slice(cases, func(i, j int) bool { return cases[i].ID < cases[j].ID })
	out := ""
	for _, c := range cases {
		out += canon(c) + "\n"
	}
	for _, ref := range refs {
		for _, a := range accounts {
			res := x.status(ref, a)
			out += fmt.Sprintf("%s %s: %s %v %d\n", ref.Masked, a, res.State, res.Held, res.Count)
		}
	}
	return out
}

// reject returns a rejection decision with one reason.
func reject(id, actor string, at time.Time) review.Decision {
	return review.Decision{ID: id, To: review.Rejected, Actor: actor, At: at, Reasons: []rules.Violation{review.Reason(review.CodeUnreadable, "files.certificate")}, Limit: Limit}
}

// approve returns an approval decision.
func approve(id, actor string, at time.Time) review.Decision {
	return review.Decision{ID: id, To: review.Approved, Actor: actor, At: at, Note: "documents match", Checklist: []string{"face", "certificate"}, Limit: Limit}
}

// withdraw returns a withdrawal decision.
func withdraw(id, actor string, at time.Time) review.Decision {
	return review.Decision{ID: id, To: review.Withdrawn, Actor: actor, At: at, Note: "applicant withdrew", Limit: Limit}
}

// at returns Base plus d.
func at(d time.Duration) time.Time { return Base.Add(d) }
