package reviewtest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
)

// note records ev on the case id and requires success.
func (x *h) note(id string, ev review.Event) *review.Case {
	x.t.Helper()
	c, err := x.s.Note(x.ctx, id, ev)
	require.NoError(x.t, err, "Note(%s, %s by %s)", id, ev.Action, ev.Actor)
	return c
}

// purge marks the case id purged at t and requires success.
func (x *h) purge(id string, t time.Time) *review.Case {
	x.t.Helper()
	c, err := x.s.MarkPurged(x.ctx, id, t)
	require.NoError(x.t, err, "MarkPurged(%s)", id)
	return c
}

// actions returns the Action of every event of c's history ("" for moves).
func actions(c *review.Case) []string {
	out := make([]string, len(c.History))
	for i, ev := range c.History {
		out[i] = ev.Action
	}
	return out
}

func testNoteKeepsState(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(700)
	opened := x.openPending("case-1", "acct-1", ref)
	refs := []review.CertificateRef{ref}

	got := x.note("case-1", review.Event{At: at(time.Minute), Actor: "system", Action: review.ActionFilesStored, Note: "2 files"})
	want := clone(t, opened)
	want.History = append(want.History, review.Event{From: review.Submitted, To: review.Submitted, At: at(time.Minute), Actor: "system", Action: review.ActionFilesStored, Note: "2 files"})
	x.equal(want, got, "a note appends an event whose From and To are the case's state, and changes nothing else")
	x.equal(want, x.get("case-1"), "the note is stored")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 1}, x.status(ref, "acct-1"), "a note leaves the slot alone")

	// A note sets From and To whatever the caller passed.
	got = x.note("case-1", review.Event{From: review.Approved, To: review.Rejected, At: at(2 * time.Minute), Actor: "lead", Action: "comment", Note: "looks fine"})
	last := got.History[len(got.History)-1]
	assert.Equal(t, [2]review.State{review.Submitted, review.Submitted}, [2]review.State{last.From, last.To}, "From and To come from the case")
	assert.Equal(t, review.Submitted, got.State)
	_, err := s.Pending(x.ctx, "acct-1")
	assert.NoError(t, err, "the case is still pending")

	// Notes under a claim keep the state and the claim.
	held, err := s.Claim(x.ctx, "rev-1", at(3*time.Minute), time.Hour)
	require.NoError(t, err)
	require.Equal(t, "case-1", held.ID)
	got = x.note("case-1", review.Event{At: at(4 * time.Minute), Actor: "rev-1", Action: "comment", Note: "zoomed in"})
	assert.Equal(t, review.UnderReview, got.State)
	assert.Equal(t, "rev-1", got.ClaimedBy, "a note keeps the claim")
	assert.True(t, got.ClaimedUntil.Equal(held.ClaimedUntil), "a note keeps the lease")
	again, err := s.Claim(x.ctx, "rev-1", at(5*time.Minute), time.Hour)
	require.NoError(t, err)
	assert.Equal(t, "case-1", again.ID, "the reviewer still holds the case after the note")

	// Invalid notes and unknown cases change nothing.
	for _, tc := range []struct {
		id     string
		ev     review.Event
		is     error
		reason string
	}{
		{"case-1", review.Event{At: at(6 * time.Minute), Actor: "rev-1", Note: "no action"}, review.ErrInvalidNote, "a note needs an action"},
		{"case-1", review.Event{Actor: "rev-1", Action: "comment"}, nil, "a note needs a time"},
		{"case-9", review.Event{At: at(6 * time.Minute), Actor: "rev-1", Action: "comment"}, review.ErrNotFound, "an unknown case"},
	} {
		before := x.snapshot(refs, "acct-1")
		got, err := s.Note(x.ctx, tc.id, tc.ev)
		if tc.is != nil {
			assert.ErrorIs(t, err, tc.is, tc.reason)
		} else {
			assert.Error(t, err, tc.reason)
		}
		assert.Nil(t, got, tc.reason)
		assert.Equal(t, before, x.snapshot(refs, "acct-1"), "nothing changes: %s", tc.reason)
	}

	// Decisions after notes: the history keeps the order of the calls, and
	// the same decision again is still answered with the case as it is.
	approved := x.decide(approve("case-1", "rev-1", at(10*time.Minute)))
	x.note("case-1", review.Event{At: at(11 * time.Minute), Actor: "auditor", Action: "comment", Note: "checked"})
	after := x.get("case-1")
	assert.Equal(t, []string{"", review.ActionFilesStored, "comment", "", "comment", "", "comment"}, actions(after),
		"submitted, files stored, comment, claimed, comment, approved, comment")
	for i := 1; i < len(after.History); i++ {
		assert.False(t, after.History[i].At.Before(after.History[i-1].At), "history in order of time at %d", i)
	}
	assert.Equal(t, review.Approved, after.State, "a note on a decided case keeps it decided")
	assert.True(t, after.DecidedAt.Equal(approved.DecidedAt), "a note keeps DecidedAt")
	same, err := s.Decide(x.ctx, approve("case-1", "rev-1", at(12*time.Minute)))
	require.NoError(t, err, "the same decision after a note is not an illegal move")
	x.equal(after, same, "the same decision after a note changes nothing")
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, x.status(ref, "acct-1"))
}

func testNoteReveal(t *testing.T, s Stores) {
	x := with(t, s)
	r1 := Ref(710)
	x.openPending("case-1", "acct-1", r1)
	refs := []review.CertificateRef{r1}
	held, err := s.Claim(x.ctx, "rev-1", Base, time.Hour)
	require.NoError(t, err)
	require.Equal(t, "case-1", held.ID)

	reveal := func(actor, why string, t time.Time) review.Event {
		return review.Event{At: t, Actor: actor, Action: review.ActionReveal, Note: why}
	}
	for _, tc := range []struct {
		ev     review.Event
		is     error
		reason string
	}{
		{reveal("rev-2", "compare the number", at(30*time.Minute)), review.ErrLeaseHeld, "another reviewer holds the case"},
		{reveal("rev-2", "compare the number", at(time.Hour-time.Second)), review.ErrLeaseHeld, "a second before the lease ends"},
		{reveal("rev-1", "", at(time.Minute)), review.ErrInvalidNote, "a reveal needs a reason"},
		{reveal("", "compare the number", at(time.Minute)), review.ErrInvalidNote, "a reveal needs an actor"},
	} {
		before := x.snapshot(refs, "acct-1")
		got, err := s.Note(x.ctx, "case-1", tc.ev)
		assert.ErrorIs(t, err, tc.is, tc.reason)
		assert.Nil(t, got, tc.reason)
		assert.Equal(t, before, x.snapshot(refs, "acct-1"), "nothing changes: %s", tc.reason)
	}

	got := x.note("case-1", reveal("rev-1", "the photo is blurred at the checksum digit", at(time.Minute)))
	last := got.History[len(got.History)-1]
	assert.Equal(t, review.ActionReveal, last.Action)
	assert.Equal(t, "rev-1", last.Actor)
	assert.Equal(t, "the photo is blurred at the checksum digit", last.Note, "the reason is kept")
	assert.Equal(t, review.UnderReview, last.From)
	assert.Equal(t, review.UnderReview, last.To)
	assert.Equal(t, "rev-1", got.ClaimedBy, "a reveal keeps the claim")

	// Other notes are not bound to the lease: the system records its files.
	x.note("case-1", review.Event{At: at(2 * time.Minute), Actor: "system", Action: review.ActionFilesStored})
	// Once the lease ended, anyone may reveal; and after the decision too.
	x.note("case-1", reveal("rev-2", "second opinion", at(time.Hour)))
	x.decide(approve("case-1", "rev-2", at(time.Hour+time.Minute)))
	got = x.note("case-1", reveal("auditor", "complaint 17", at(2*time.Hour)))
	assert.Equal(t, review.Approved, got.State)
	assert.Equal(t, []string{"", "", review.ActionReveal, review.ActionFilesStored, review.ActionReveal, "", review.ActionReveal}, actions(got))
}

func testMarkPurged(t *testing.T, s Stores) {
	x := with(t, s)
	r1, r2, r3 := Ref(720), Ref(721), Ref(722)
	refs := []review.CertificateRef{r1, r2, r3}
	x.openPending("pending", "acct-1", r1)
	x.openPending("held", "acct-2", r2)
	_, err := s.Claim(x.ctx, "rev-1", Base, time.Hour)
	require.NoError(t, err)

	for _, tc := range []struct {
		id     string
		at     time.Time
		is     error
		reason string
	}{
		{"pending", at(time.Hour), review.ErrStillPending, "a submitted case keeps its files"},
		{"held", at(time.Hour), review.ErrStillPending, "a case under review keeps its files"},
		{"missing", at(time.Hour), review.ErrNotFound, "an unknown case"},
		{"pending", time.Time{}, nil, "a purge needs a time"},
	} {
		before := x.snapshot(refs, "acct-1", "acct-2")
		got, err := s.MarkPurged(x.ctx, tc.id, tc.at)
		if tc.is != nil {
			assert.ErrorIs(t, err, tc.is, tc.reason)
		} else {
			assert.Error(t, err, tc.reason)
		}
		assert.Nil(t, got, tc.reason)
		assert.Equal(t, before, x.snapshot(refs, "acct-1", "acct-2"), "nothing changes: %s", tc.reason)
	}

	approved := x.decide(approve("held", "rev-1", at(time.Hour)))
	got := x.purge("held", at(48*time.Hour))
	want := clone(t, approved)
	want.FilesPurgedAt = at(48 * time.Hour)
	want.History = append(want.History, review.Event{From: review.Approved, To: review.Approved, At: at(48 * time.Hour), Actor: review.PurgeActor, Action: review.ActionFilesPurged})
	x.equal(want, got, "the purge sets FilesPurgedAt and appends a files_purged note")
	x.equal(want, x.get("held"), "the purge is stored")
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, x.status(r2, "acct-2"), "the purge leaves the slot alone")

	twice, err := s.MarkPurged(x.ctx, "held", at(72*time.Hour))
	require.NoError(t, err, "a second purge is no error")
	x.equal(want, twice, "a second purge returns the case unchanged")
	x.equal(want, x.get("held"), "a second purge changes nothing")
	same, err := s.Decide(x.ctx, approve("held", "rev-1", at(73*time.Hour)))
	require.NoError(t, err, "the decision again after the purge")
	x.equal(want, same, "the decision again after the purge changes nothing")

	// Every final state may be purged: rejected, withdrawn, expired, and
	// rejected at once by the machine.
	x.decide(reject("pending", "rev-1", at(2*time.Hour)))
	x.openPending("withdrawn", "acct-3", r3)
	x.decide(withdraw("withdrawn", "acct-3", at(3*time.Hour)))
	x.openPending("expired", "acct-4", r1)
	n, err := s.Expire(x.ctx, at(time.Hour), at(4*time.Hour))
	require.NoError(t, err)
	require.Equal(t, 1, n)
	x.openFinal(NewCase("machine", "acct-5", &r1, at(5*time.Hour)))
	for i, id := range []string{"pending", "withdrawn", "expired", "machine"} {
		before := x.get(id)
		got := x.purge(id, at(time.Duration(100+i)*time.Hour))
		assert.Equal(t, before.State, got.State, "%s: the purge keeps the state", id)
		assert.True(t, got.FilesPurgedAt.Equal(at(time.Duration(100+i)*time.Hour)), "%s: FilesPurgedAt", id)
		assert.Len(t, got.History, len(before.History)+1, "%s: one event more", id)
		assert.Equal(t, review.ActionFilesPurged, got.History[len(got.History)-1].Action, id)
		x.equal(got, x.get(id), "%s: stored", id)
	}
}

func testDecidedAt(t *testing.T, s Stores) {
	x := with(t, s)
	for i, tc := range []struct {
		id     string
		d      func(id string) review.Decision
		reason string
	}{
		{"approved", func(id string) review.Decision { return approve(id, "rev", at(time.Hour)) }, "approval"},
		{"rejected", func(id string) review.Decision { return reject(id, "rev", at(2*time.Hour)) }, "rejection"},
		{"withdrawn", func(id string) review.Decision { return withdraw(id, "acct-withdrawn", at(3*time.Hour)) }, "withdrawal"},
	} {
		x.openPending(tc.id, "acct-"+tc.id, Ref(730+i))
		c := x.decide(review.Decision{ID: tc.id, To: review.UnderReview, Actor: "rev", At: at(time.Minute)})
		assert.True(t, c.DecidedAt.IsZero(), "%s: a case under review is not decided", tc.reason)
		d := tc.d(tc.id)
		c = x.decide(d)
		assert.True(t, c.DecidedAt.Equal(d.At), "%s: DecidedAt is the decision's time, got %v", tc.reason, c.DecidedAt)
		assert.True(t, x.get(tc.id).DecidedAt.Equal(d.At), "%s: DecidedAt is stored", tc.reason)
	}
	x.openPending("expired", "acct-expired", Ref(740))
	x.openPending("claimed", "acct-claimed", Ref(741))
	_, err := s.Claim(x.ctx, "rev", Base, time.Hour)
	require.NoError(t, err)
	n, err := s.Expire(x.ctx, at(time.Second), at(5*time.Hour))
	require.NoError(t, err)
	require.Equal(t, 2, n)
	assert.True(t, x.get("expired").DecidedAt.Equal(at(5*time.Hour)), "Expire decides at now")
	assert.True(t, x.get("claimed").DecidedAt.Equal(at(5*time.Hour)), "Expire decides a held case at now")

	// A case stored final keeps the DecidedAt it carries.
	final := NewCase("machine", "acct-machine", nil, at(6*time.Hour))
	final.DecidedAt = at(6*time.Hour + time.Second)
	x.openFinal(final)
	assert.True(t, x.get("machine").DecidedAt.Equal(at(6*time.Hour+time.Second)), "Open keeps the DecidedAt of a final case")
	// A pending case is not decided, whatever it carries.
	pending := NewCase("pending", "acct-pending", nil, Base)
	pending.DecidedAt = at(time.Hour)
	x.open(pending)
	assert.True(t, x.get("pending").DecidedAt.IsZero(), "a pending case has no DecidedAt")
}

func testListRetention(t *testing.T, s Stores) {
	x := with(t, s)
	x.open(due(NewCase("p1", "acct-p1", new(Ref(750)), Base), day(1)))
	x.open(due(NewCase("a1", "acct-a1", new(Ref(751)), Base), day(3)))
	x.decide(approve("a1", "rev", at(time.Hour)))
	x.open(due(NewCase("a2", "acct-a2", new(Ref(752)), Base), day(2)))
	x.decide(approve("a2", "rev", at(time.Hour)))
	x.purge("a2", at(10*time.Hour))
	x.open(due(NewCase("r1", "acct-r1", new(Ref(753)), Base), day(4)))
	x.decide(reject("r1", "rev", at(2*time.Hour)))
	x.open(due(NewCase("w1", "acct-w1", new(Ref(754)), Base), day(0)))
	x.decide(withdraw("w1", "acct-w1", at(3*time.Hour)))
	x.openFinal(due(NewCase("f1", "acct-f1", nil, Base), day(5)))

	for _, tc := range []struct {
		q      review.Query
		want   []string
		reason string
	}{
		{review.Query{DecidedBefore: at(3 * time.Hour)}, []string{"w1", "a2", "a1", "r1", "f1"}, "without states, DecidedBefore selects the final cases, by deadline"},
		{review.Query{DecidedBefore: at(2 * time.Hour)}, []string{"a2", "a1", "r1", "f1"}, "decided at or before: the boundary is in"},
		{review.Query{DecidedBefore: at(2*time.Hour - time.Second)}, []string{"a2", "a1", "f1"}, "a second earlier leaves the rejection out"},
		{review.Query{DecidedBefore: Base.Add(-time.Second)}, []string{}, "nothing was decided before the base"},
		{review.Query{DecidedBefore: Base}, []string{"f1"}, "a case stored final was decided at its last move"},
		{review.Query{DecidedBefore: at(3 * time.Hour), Unpurged: true}, []string{"w1", "a1", "r1", "f1"}, "unpurged leaves out the purged approval"},
		{review.Query{DecidedBefore: at(3 * time.Hour), Unpurged: true, States: []review.State{review.Approved}}, []string{"a1"}, "one final state"},
		{review.Query{DecidedBefore: at(3 * time.Hour), States: allStates}, []string{"w1", "a2", "a1", "r1", "f1"}, "pending cases were never decided"},
		{review.Query{Unpurged: true}, []string{"p1"}, "Unpurged alone: the pending states, never purged"},
		{review.Query{Unpurged: true, States: allStates}, []string{"w1", "p1", "a1", "r1", "f1"}, "every state, the purged one left out"},
		{review.Query{DecidedBefore: at(3 * time.Hour), Unpurged: true, After: review.Cursor{Due: day(2), ID: "a2"}}, []string{"a1", "r1", "f1"}, "after a cursor"},
		{review.Query{DecidedBefore: at(3 * time.Hour), Unpurged: true, Account: "acct-r1"}, []string{"r1"}, "with an account"},
		{review.Query{DecidedBefore: at(3 * time.Hour), Unpurged: true, Limit: 2}, []string{"w1", "a1"}, "a page of two"},
	} {
		got, err := s.List(x.ctx, tc.q)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, tc.want, ids(got), tc.reason)
	}
}

// testListRetentionPages pages through the cases a purge finds, purging each
// page before asking for the next, as a purge does: the cursor carries on
// although the cases behind it left the selection.
func testListRetentionPages(t *testing.T, s Stores) {
	x := with(t, s)
	const n = 30
	cutoff := at(20 * time.Hour)
	var want []*review.Case
	for i := range n {
		j := (i * 7) % n // IDs not in the order of opening
		id := fmt.Sprintf("case-%02d", j)
		// Deadlines fall as IDs rise, three cases sharing each.
		c := due(NewCase(id, fmt.Sprintf("acct-%02d", j), new(Ref(800+j)), Base), day(10-j/3))
		decided := at(time.Duration(j) * time.Hour)
		switch j % 5 {
		case 0:
			x.open(c) // pending
			continue
		case 1:
			x.open(c)
			x.decide(reject(id, "rev", decided))
		case 2:
			x.open(c)
			x.decide(approve(id, "rev", decided))
			if j%3 == 0 {
				x.purge(id, decided.Add(time.Minute)) // purged already
				continue
			}
		case 3:
			x.open(c)
			x.decide(withdraw(id, c.Account, decided))
		case 4:
			c.SubmittedAt = decided
			c.History[0].At = decided
			x.openFinal(c)
		}
		if !decided.After(cutoff) {
			want = append(want, c)
		}
	}
	slices.SortFunc(want, byDeadline)
	require.NotEmpty(t, want)
	for k, limit := range []int{1, 3, 7} {
		var seen []*review.Case
		var after review.Cursor
		purgedAt := at(time.Duration(100+k) * time.Hour)
		pages := 0
		for pages = 0; pages <= n+1; pages++ {
			q := review.Query{DecidedBefore: cutoff, Unpurged: true, After: after, Limit: limit}
			page, err := s.List(x.ctx, q)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(page), limit, "a page holds at most Limit cases")
			if len(page) == 0 {
				break
			}
			for _, c := range page {
				assert.True(t, c.State.Final(), "%s is final", c.ID)
				assert.False(t, c.DecidedAt.After(cutoff), "%s was decided at or before the cut-off", c.ID)
				assert.True(t, c.FilesPurgedAt.IsZero(), "%s is not purged", c.ID)
				if k == 2 {
					x.purge(c.ID, purgedAt)
				}
			}
			seen = append(seen, page...)
			after = review.CursorOf(page[len(page)-1])
		}
		require.LessOrEqual(t, pages, n, "limit %d: paging ends", limit)
		assert.Equal(t, ids(want), ids(seen), "limit %d: pages visit every unpurged case decided by the cut-off once, by deadline then ID", limit)
	}
	rest, err := s.List(x.ctx, review.Query{DecidedBefore: cutoff, Unpurged: true})
	require.NoError(t, err)
	assert.Empty(t, ids(rest), "after the purge nothing is left to purge")
	pending, err := s.List(x.ctx, review.Query{})
	require.NoError(t, err)
	assert.Len(t, pending, n/5, "the pending cases are untouched")
}

// testRaceNotes adds notes to one case from many goroutines while its holder
// approves it: no note and no move is lost.
func testRaceNotes(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(760)
	x.openPending("case-1", "acct-1", ref)
	_, err := s.Claim(x.ctx, "rev-1", Base, time.Hour)
	require.NoError(t, err)
	errs := make([]error, Goroutines+1)
	race(Goroutines+1, func(i int) {
		if i == Goroutines {
			_, errs[i] = s.Decide(x.ctx, approve("case-1", "rev-1", at(time.Minute)))
			return
		}
		_, errs[i] = s.Note(x.ctx, "case-1", review.Event{At: at(time.Minute), Actor: "system", Action: "comment", Note: fmt.Sprint("note ", i)})
	})
	for i, err := range errs {
		assert.NoError(t, err, "call %d", i)
	}
	c := x.get("case-1")
	assert.Equal(t, review.Approved, c.State)
	notes := map[string]int{}
	moves := 0
	for _, ev := range c.History {
		if ev.IsNote() {
			notes[ev.Note]++
			assert.Contains(t, []review.State{review.UnderReview, review.Approved}, ev.From, "a note records the state of its moment")
		} else {
			moves++
		}
	}
	assert.Len(t, notes, Goroutines, "every note is kept")
	for note, n := range notes {
		assert.Equal(t, 1, n, "%s is kept once", note)
	}
	assert.Equal(t, 3, moves, "submitted, claimed, approved: the approval once")
	assert.True(t, c.DecidedAt.Equal(at(time.Minute)))
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, x.status(ref, "acct-1"))
}
