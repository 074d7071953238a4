package reviewtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

func ids(cases []*review.Case) []string {
	out := make([]string, len(cases))
	for i, c := range cases {
		out[i] = c.ID
	}
	return out
}

// openFinal opens c rejected at once by the machine, at its submission.
func (x *h) openFinal(c *review.Case) *review.Case {
	x.t.Helper()
	reasons := []rules.Violation{rules.Violate("id.checksum", rules.Reject, true).At("certificate.number")}
	c.State, c.Verdict, c.Reasons = review.Rejected, rules.Rejected, reasons
	c.History = append(c.History, review.Event{From: review.Submitted, To: review.Rejected, At: c.SubmittedAt, Actor: "system", Reasons: reasons})
	res, err := x.s.Open(x.ctx, c, nil)
	require.NoError(x.t, err, "Open(%s), final", c.ID)
	require.False(x.t, res.Held, "a final case takes no slot")
	return c
}

func testList(t *testing.T, s Stores) {
	x := with(t, s)
	cn := review.CertificateRef{Digest: Ref(60).Digest, SecretID: "s1", Masked: "1101**********002X", Kind: certificate.IDCard, Region: "CN"}
	fr := Ref(61)
	fr.Region = "FR"
	x.open(due(NewCase("p1", "acct-1", new(Ref(62)), Base), day(2)))
	x.open(due(NewCase("p2", "acct-2", &cn, Base), day(3)))
	x.decide(review.Decision{ID: "p2", To: review.UnderReview, Actor: "lead", At: at(time.Minute)})
	x.open(due(NewCase("p3", "acct-3", &fr, Base), day(1)))
	noCert := due(NewCase("p4", "acct-4", nil, Base), day(4))
	noCert.Kind, noCert.Region = certificate.DriverLicense, "US-CA"
	x.open(noCert)
	x.openFinal(due(NewCase("f1", "acct-1", new(Ref(62)), Base), day(1).Add(time.Hour)))
	x.open(due(NewCase("a1", "acct-5", new(Ref(63)), Base), day(5)))
	x.decide(approve("a1", "reviewer", at(time.Hour)))
	x.open(due(NewCase("w1", "acct-6", new(Ref(64)), Base), day(0)))
	x.decide(withdraw("w1", "acct-6", at(time.Hour)))

	p1 := x.get("p1")
	f1 := x.get("f1")
	for _, tc := range []struct {
		q      review.Query
		want   []string
		reason string
	}{
		{review.Query{}, []string{"p3", "p1", "p2", "p4"}, "the zero query lists the pending cases by deadline"},
		{review.Query{States: []review.State{review.Submitted}}, []string{"p3", "p1", "p4"}, "submitted only"},
		{review.Query{States: []review.State{review.UnderReview}}, []string{"p2"}, "under review only"},
		{review.Query{States: []review.State{review.Approved}}, []string{"a1"}, "approved only"},
		{review.Query{States: []review.State{review.Withdrawn, review.Rejected}}, []string{"w1", "f1"}, "two final states"},
		{review.Query{States: allStates}, []string{"w1", "p3", "f1", "p1", "p2", "p4", "a1"}, "every state, by deadline"},
		{review.Query{OverdueAt: day(2)}, []string{"p3", "p1"}, "overdue: pending with a deadline not after OverdueAt"},
		{review.Query{OverdueAt: day(2).Add(-time.Second)}, []string{"p3"}, "a deadline a second later is not overdue"},
		{review.Query{States: allStates, OverdueAt: day(9)}, []string{"p3", "p1", "p2", "p4"}, "overdue keeps only pending cases"},
		{review.Query{Account: "acct-1", States: allStates}, []string{"f1", "p1"}, "one account's cases"},
		{review.Query{Account: "acct-9"}, []string{}, "an account without cases"},
		{review.Query{Kind: certificate.IDCard}, []string{"p2"}, "by kind"},
		{review.Query{Kind: certificate.DriverLicense}, []string{"p4"}, "by the case's kind, even without a certificate"},
		{review.Query{Region: "FR"}, []string{"p3"}, "by region"},
		{review.Query{Region: "DE", Kind: certificate.Passport}, []string{"p1"}, "by region and kind"},
		{review.Query{Region: "US-CA", States: allStates}, []string{"p4"}, "by the case's region, even without a certificate"},
		{review.Query{After: review.CursorOf(p1)}, []string{"p2", "p4"}, "after a cursor"},
		{review.Query{After: review.Cursor{Due: day(2), ID: ""}}, []string{"p1", "p2", "p4"}, "strictly after: the same deadline with a smaller ID comes first"},
		{review.Query{After: review.Cursor{Due: day(2), ID: "p1"}, States: allStates}, []string{"p2", "p4", "a1"}, "a cursor is a position, whatever the states"},
		{review.Query{Limit: 2}, []string{"p3", "p1"}, "a page of two"},
		{review.Query{States: allStates, After: review.CursorOf(f1), Limit: 2}, []string{"p1", "p2"}, "a cursor and a limit"},
		{review.Query{After: review.CursorOf(x.get("p4"))}, []string{}, "after the last case"},
	} {
		got, err := s.List(x.ctx, tc.q)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.want, ids(got), tc.reason)
	}
	got, err := s.List(x.ctx, review.Query{Account: "acct-1"})
	require.NoError(t, err)
	if assert.Len(t, got, 1) {
		x.equal(p1, got[0], "List returns whole cases")
	}
}

func testListPages(t *testing.T, s Stores) {
	x := with(t, s)
	const n = 25
	var want []*review.Case
	for i := range n {
		j := (i * 7) % n // IDs not in the order of opening
		// Deadlines fall as IDs rise, four cases sharing each.
		c := due(NewCase(fmt.Sprintf("case-%02d", j), fmt.Sprintf("acct-%02d", j), new(Ref(200+j)), Base), day(10-j/4))
		if j%3 == 0 {
			x.openFinal(c)
		} else {
			x.open(c)
		}
		want = append(want, c)
	}
	slices.SortFunc(want, byDeadline)
	for _, limit := range []int{1, 3, 7} {
		var seen []*review.Case
		var after review.Cursor
		pages := 0
		for pages = 0; pages <= n+1; pages++ {
			page, err := s.List(x.ctx, review.Query{States: allStates, After: after, Limit: limit})
			require.NoError(t, err)
			assert.LessOrEqual(t, len(page), limit, "a page holds at most Limit cases")
			if len(page) == 0 {
				break
			}
			seen = append(seen, page...)
			after = review.CursorOf(page[len(page)-1])
		}
		require.LessOrEqual(t, pages, n, "limit %d: paging ends", limit)
		assert.Equal(t, ids(want), ids(seen), "limit %d: pages visit every case exactly once, by deadline then ID", limit)
	}
}

func byDeadline(a, b *review.Case) int {
	if c := a.Due.At.Compare(b.Due.At); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func testListLimits(t *testing.T, s Stores) {
	x := with(t, s)
	const n = 1001
	for i := range n {
		x.openFinal(NewCase(fmt.Sprintf("case-%04d", i), fmt.Sprintf("acct-%04d", i), nil, Base))
	}
	rejected := []review.State{review.Rejected}
	for _, tc := range []struct {
		limit, want int
		reason      string
	}{
		{0, 50, "the default page is 50"},
		{-1, 50, "a negative limit is the default"},
		{10, 10, "a smaller page"},
		{1000, 1000, "the largest page"},
		{5000, 1000, "at most 1000 are returned"},
	} {
		got, err := s.List(x.ctx, review.Query{States: rejected, Limit: tc.limit})
		require.NoError(t, err, tc.reason)
		if assert.Len(t, got, tc.want, tc.reason) {
			assert.Equal(t, "case-0000", got[0].ID, tc.reason)
			assert.Equal(t, fmt.Sprintf("case-%04d", tc.want-1), got[len(got)-1].ID, tc.reason)
		}
	}
}

func testStats(t *testing.T, s Stores) {
	x := with(t, s)
	since, now := day(1), day(10)
	k := 0
	open := func(id string, dueAt time.Time) {
		x.open(due(NewCase(id, "acct-"+id, new(Ref(300+k)), Base), dueAt))
		k++
	}
	open("pending-ok", day(11))
	open("pending-due-now", now)
	x.decide(review.Decision{ID: "pending-due-now", To: review.UnderReview, Actor: "reviewer", At: at(time.Hour)})
	open("pending-late", day(3))
	open("at-since", day(5))
	x.decide(approve("at-since", "reviewer", since))
	open("at-due", day(5))
	x.decide(reject("at-due", "reviewer", day(5)))
	open("just-in-time", day(5))
	x.decide(reject("just-in-time", "reviewer", day(5).Add(-time.Second)))
	open("late", day(5))
	x.decide(approve("late", "reviewer", day(5).Add(time.Second)))
	open("before", day(5))
	x.decide(approve("before", "reviewer", since.Add(-time.Second)))
	open("withdrawn", day(5))
	x.decide(withdraw("withdrawn", "acct-withdrawn", day(2)))
	x.openFinal(due(NewCase("machine", "acct-machine", nil, day(2)), day(5)))

	for _, tc := range []struct {
		now, since time.Time
		want       review.Stats
		reason     string
	}{
		{now, since, review.Stats{Pending: 3, Overdue: 2, Decided: 4, DecidedInTime: 2},
			"overdue: a deadline not after now; decided: approved or rejected at or after since, in time before the deadline (at it the case is overdue); not withdrawn, not rejected at once"},
		{day(2), day(20), review.Stats{Pending: 3}, "nothing overdue yet and nothing decided in the window"},
		{now, Base, review.Stats{Pending: 3, Overdue: 2, Decided: 5, DecidedInTime: 3}, "a wider window"},
	} {
		got, err := s.Stats(x.ctx, tc.now, tc.since)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.want, got, tc.reason)
	}
}

func testExpire(t *testing.T, s Stores) {
	x := with(t, s)
	before, now := at(time.Hour), at(48*time.Hour)
	open := func(id string, ref *review.CertificateRef, submitted time.Time) {
		x.open(NewCase(id, "acct-"+id, ref, submitted))
	}
	refs := map[string]review.CertificateRef{}
	for i, id := range []string{"old", "old-claimed", "edge", "new", "old-approved"} {
		refs[id] = Ref(400 + i)
	}
	open("old", new(refs["old"]), Base)
	x.open(due(NewCase("old-claimed", "acct-old-claimed", new(refs["old-claimed"]), at(time.Minute)), day(0)))
	claimed, err := s.Claim(x.ctx, "rev-1", at(time.Minute), 100*time.Hour)
	require.NoError(t, err)
	require.Equal(t, "old-claimed", claimed.ID)
	open("old-nocert", nil, Base)
	open("edge", new(refs["edge"]), before)
	open("new", new(refs["new"]), at(2*time.Hour))
	open("old-approved", new(refs["old-approved"]), Base)
	x.decide(approve("old-approved", "reviewer", at(30*time.Minute)))
	keep := map[string]*review.Case{}
	for _, id := range []string{"edge", "new", "old-approved"} {
		keep[id] = x.get(id)
	}
	prior := map[string]*review.Case{}
	for _, id := range []string{"old", "old-claimed", "old-nocert"} {
		prior[id] = x.get(id)
	}

	n, err := s.Expire(x.ctx, before, now)
	require.NoError(t, err)
	assert.Equal(t, 3, n, "every pending case submitted before the cut-off, held or not, with or without certificate")
	for id, c := range prior {
		got := x.get(id)
		want := moved(t, c, review.Decision{ID: id, To: review.Withdrawn, Actor: "system", Note: "expired", At: now})
		x.equal(want, got, "%s: withdrawn by the system, note expired, at now, held by nobody", id)
		if ref, ok := refs[id]; ok {
			assert.Equal(t, binding.Result{}, x.status(ref, "acct-"+id), "%s: its slot is released", id)
		}
	}
	for id, c := range keep {
		x.equal(c, x.get(id), "%s is left alone", id)
	}
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 1}, x.status(refs["edge"], "acct-edge"), "a case submitted at the cut-off keeps its slot")
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, x.status(refs["old-approved"], "acct-old-approved"), "an approved case keeps its slot")

	n, err = s.Expire(x.ctx, before, now.Add(time.Hour))
	require.NoError(t, err)
	assert.Zero(t, n, "expiring again closes nothing")
	assert.True(t, x.open(NewCase("old-2", "acct-old", new(refs["old"]), now)).Held, "the account of an expired case opens a new one")
}

// testKeyRotation: a write under a newer secret relabels the binding rows
// and, in the same transaction, the cases that refer to them.
func testKeyRotation(t *testing.T, s Stores) {
	x := with(t, s)
	old := Ref(500)
	x.openPending("case-1", "acct-1", old)
	rotated := old
	rotated.Digest, rotated.SecretID = Ref(501).Digest, "s2"
	key := KeyOf(rotated)
	key.Previous = []binding.Digest{binding.Digest(old.Digest)}

	res, err := s.Reserve(x.ctx, binding.Request{Key: key, Account: "acct-2", Limit: Limit, Now: Base})
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2, Limit: Limit}, res, "the case's slot under the old digest counts")
	got := x.get("case-1")
	if assert.NotNil(t, got.Certificate) {
		assert.Equal(t, rotated.Digest, got.Certificate.Digest, "the case is relabelled with the slot")
		assert.Equal(t, "s2", got.Certificate.SecretID, "under the new secret")
		assert.Equal(t, old.Masked, got.Certificate.Masked, "the masked number stays")
	}
	x.decide(approve("case-1", "reviewer", at(time.Hour)))
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 2}, x.status(rotated, "acct-1"), "approval confirms the relabelled slot")
}
