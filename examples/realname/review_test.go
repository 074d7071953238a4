package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/review/reviewtest"
	"github.com/realname-go/realname/examples/internal/appfile"
)

// The days of the review tests: verified on Tuesday 10 March 2026, due on
// Friday 13 March (three working days), decided the Monday after.
const (
	dayVerify  = "2026-03-10"
	dayDecided = "2026-03-16"
)

// at returns the time a -now of a date stands for: noon in UTC+8.
func at(t *testing.T, day string) time.Time {
	t.Helper()
	tm, err := parseNow(day)
	require.NoError(t, err)
	return tm
}

// cli runs the tool in this process.
func cli(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var o, e bytes.Buffer
	status = run(args, strings.NewReader(""), &o, &e)
	return o.String(), e.String(), status
}

// caseLine is one output object of the review commands, and of verify when
// the account has a pending case.
type caseLine struct {
	Case    string
	State   string
	Overdue *bool
	Code    string
	Error   string
	Cursor  string
	Review  *review.Case
	Binding *struct {
		Held  bool
		State string
		Count int
		Limit int
	}
}

func decodeLines(t *testing.T, stdout string) []caseLine {
	t.Helper()
	var out []caseLine
	dec := json.NewDecoder(strings.NewReader(stdout))
	for dec.More() {
		var l caseLine
		require.NoError(t, dec.Decode(&l), stdout)
		out = append(out, l)
	}
	return out
}

// reviewCLI runs a review command against db at day and decodes its one
// output object.
func reviewCLI(t *testing.T, db, day string, args ...string) (caseLine, string, int) {
	t.Helper()
	args = append([]string{"review", args[0], "-db", db, "-now", day}, args[1:]...)
	stdout, stderr, status := cli(t, args...)
	lines := decodeLines(t, stdout)
	require.LessOrEqual(t, len(lines), 1, "one object: %s", stdout)
	if len(lines) == 0 {
		return caseLine{}, stderr, status
	}
	return lines[0], stderr, status
}

// writeApp writes the application of authntest's seed for account into dir,
// with its two images, and returns the JSON file's path.
func writeApp(t *testing.T, dir string, seed uint64, account string) string {
	t.Helper()
	app, err := authntest.Application(authntest.Options{Seed: seed, Account: account})
	require.NoError(t, err)
	cert, hand := fmt.Sprintf("cert-%d.png", seed), fmt.Sprintf("hand-%d.png", seed)
	require.NoError(t, os.WriteFile(filepath.Join(dir, cert), authntest.CertificatePNG(seed), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, hand), authntest.HandheldPNG(seed), 0o644))
	d := app.Document
	f := appfile.File{
		Account: appfile.Account{ID: account, RegistrationRegion: "CN"},
		Typed:   appfile.Typed{Name: app.Claim.Name, Kind: app.Claim.Kind, NumberRegion: app.Claim.Region, Number: app.Claim.Number},
		Document: appfile.Document{
			Kind: d.Kind, Number: d.Number, Name: d.Name, Birth: appfile.Date(d.Birth), Sex: d.Sex.String(),
			Issued: appfile.Date(d.Validity.Issued), Expires: appfile.Date(d.Validity.Expires),
		},
		Files: appfile.Files{
			Certificate: appfile.Upload{Path: cert, ContentType: "image/png"},
			Handheld:    appfile.Upload{Path: hand, ContentType: "image/png"},
		},
	}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	path := filepath.Join(dir, fmt.Sprintf("app-%s-%d.json", account, seed))
	require.NoError(t, os.WriteFile(path, b, 0o644))
	return path
}

// verifyCase verifies app into db at day and returns the ID of its pending
// case.
func verifyCase(t *testing.T, db, day, app string) string {
	t.Helper()
	stdout, stderr, status := cli(t, "verify", "-db", db, "-now", day, app)
	require.Equal(t, 0, status, stderr)
	var out struct {
		Case    string
		Verdict string
		Review  struct{ ID, State string }
		Binding struct{ State string }
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &out), stdout)
	require.NotEmpty(t, out.Case, "verify prints the case ID")
	require.Equal(t, out.Review.ID, out.Case)
	require.Equal(t, "submitted", out.Review.State, stdout)
	require.Equal(t, "pending", out.Binding.State)
	return out.Case
}

// checkStore opens db in this process, as a second reader of the file, and
// checks that every case agrees with its binding slot at day.
func checkStore(t *testing.T, db, day string) {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	require.NoError(t, err)
	defer s.Close()
	reviewtest.CheckInvariants(t, s, at(t, day))
}

// TestReviewDecisionsDaysLater verifies an application in one run and
// decides its case by ID in another run days later on the same SQLite file:
// the case and its slot move together, and a third run reads both back.
func TestReviewDecisionsDaysLater(t *testing.T) {
	t.Setenv(envBindingKey, testBindingKey)
	for _, tc := range []struct {
		cmd   []string
		state string
		actor string
		slot  string
		held  bool
	}{
		{[]string{"approve", "-reviewer", "rev-1", "-note", "all clear", "-check", "face_visible,no_headwear,details_match"}, "approved", "rev-1", "confirmed", true},
		{[]string{"reject", "-reviewer", "rev-2", "-reason", "review.headwear,review.unreadable@handheld"}, "rejected", "rev-2", "none", false},
		{[]string{"withdraw", "-actor", "acct"}, "withdrawn", "acct", "none", false},
	} {
		t.Run(tc.state, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "cases.db")
			id := verifyCase(t, db, dayVerify, writeApp(t, dir, 31, "acct"))

			args := append([]string{tc.cmd[0], id}, tc.cmd[1:]...)
			got, stderr, status := reviewCLI(t, db, dayDecided, args...)
			require.Equal(t, 0, status, stderr)
			assert.Equal(t, id, got.Case)
			assert.Equal(t, tc.state, got.State)
			require.NotNil(t, got.Review)
			last := got.Review.History[len(got.Review.History)-1]
			assert.Equal(t, tc.actor, last.Actor)
			assert.True(t, last.At.Equal(at(t, dayDecided)), "the decision is recorded at -now, %s", last.At)
			require.NotNil(t, got.Binding)
			assert.Equal(t, tc.slot, got.Binding.State)
			assert.Equal(t, tc.held, got.Binding.Held)

			switch tc.state {
			case "approved":
				assert.Equal(t, "all clear", last.Note)
				assert.Equal(t, []string{"face_visible", "no_headwear", "details_match"}, last.Checklist)
			case "rejected":
				require.Len(t, got.Review.Reasons, 2)
				assert.Equal(t, review.CodeHeadwear, got.Review.Reasons[0].Code)
				assert.Equal(t, "handheld", got.Review.Reasons[0].Field)
				assert.Equal(t, review.CodeUnreadable, got.Review.Reasons[1].Code)
				assert.Equal(t, "handheld", got.Review.Reasons[1].Field, "CODE@FIELD names the field")
			}

			// A third run, later still, reads the same case and slot.
			shown, stderr, status := reviewCLI(t, db, "2026-03-20", "show", id)
			require.Equal(t, 0, status, stderr)
			assert.Equal(t, tc.state, shown.State)
			assert.Equal(t, got.Binding, shown.Binding)
			assert.False(t, *shown.Overdue, "a decided case is never overdue")
			checkStore(t, db, "2026-03-20")

			// The same decision again is answered with the case unchanged.
			again, _, status := reviewCLI(t, db, "2026-03-20", args...)
			assert.Equal(t, 0, status)
			assert.Equal(t, got.Review.History, again.Review.History)

			// Another decision is refused and changes nothing.
			other, stderr, status := reviewCLI(t, db, "2026-03-20", "approve", id, "-reviewer", "rev-3")
			if tc.state == "approved" {
				other, stderr, status = reviewCLI(t, db, "2026-03-20", "reject", id, "-reviewer", "rev-3", "-reason", "review.not_original")
			}
			assert.Equal(t, exitRefused, status, stderr)
			assert.Equal(t, "review.illegal_transition", other.Code)
			assert.Equal(t, tc.state, other.State, "the case as it stands")
			assert.Equal(t, got.Binding, other.Binding)
			checkStore(t, db, "2026-03-20")
		})
	}
}

// TestReviewRetry: a rejected applicant applies again days later as the
// next attempt of the rejected case; the new case takes the slot again and
// keeps the account from a third application while it is pending.
func TestReviewRetry(t *testing.T) {
	t.Setenv(envBindingKey, testBindingKey)
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	app := writeApp(t, dir, 32, "acct-retry")
	id := verifyCase(t, db, dayVerify, app)

	_, stderr, status := reviewCLI(t, db, dayDecided, "retry", id, app)
	assert.Equal(t, exitRefused, status, "a pending case is not retried: %s", stderr)

	rejected, stderr, status := reviewCLI(t, db, dayDecided, "reject", id, "-reviewer", "rev", "-reason", "review.face_not_visible")
	require.Equal(t, 0, status, stderr)
	assert.Equal(t, "none", rejected.Binding.State)

	stdout, stderr, status := cli(t, "review", "retry", id, "-db", db, "-now", "2026-03-18", "-lang", "zh-CN", app)
	require.Equal(t, 0, status, stderr)
	var rep struct {
		Case     string
		Verdict  string
		Language string
		Review   review.Case
		Binding  struct{ State string }
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep), stdout)
	assert.NotEqual(t, id, rep.Case)
	assert.Equal(t, rep.Review.ID, rep.Case)
	assert.Equal(t, id, rep.Review.Previous, "the retry links to the rejected case")
	assert.Equal(t, 2, rep.Review.Attempt)
	assert.Equal(t, "submitted", rep.Review.State.String())
	assert.Equal(t, "2026-03-23", rep.Review.Due.Date.String(), "due three working days after Wednesday 18 March")
	assert.Equal(t, "pending", rep.Binding.State, "the retry takes the slot again")
	assert.Equal(t, "zh-Hans", rep.Language, "-lang zh-CN: the messages in Simplified Chinese")

	// The account has a pending case again: neither a retry nor a new
	// application opens another; both print it with status 4.
	for _, args := range [][]string{
		{"review", "retry", id, "-db", db, "-now", "2026-03-19", app},
		{"verify", "-db", db, "-now", "2026-03-19", app},
	} {
		stdout, stderr, status := cli(t, args...)
		assert.Equal(t, exitPending, status, "%v: %s", args[:2], stderr)
		lines := decodeLines(t, stdout)
		require.Len(t, lines, 1)
		assert.Equal(t, "review.open_case", lines[0].Code)
		assert.Equal(t, rep.Case, lines[0].Case, "the pending case")
		assert.Equal(t, "pending", lines[0].Binding.State)
	}

	other := writeApp(t, dir, 33, "acct-other")
	got, _, status := reviewCLI(t, db, "2026-03-19", "retry", id, other)
	assert.Equal(t, exitRefused, status, "another account cannot retry the case")
	assert.Equal(t, "review.other_account", got.Code)
	_, _, status = reviewCLI(t, db, "2026-03-19", "retry", "nosuchcase", app)
	assert.Equal(t, exitNotFound, status)
	checkStore(t, db, "2026-03-19")
}

// TestReviewList lists cases by deadline, page by page with the cursor, and
// with each filter.
func TestReviewList(t *testing.T) {
	t.Setenv(envBindingKey, testBindingKey)
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	days := []string{"2026-03-09", "2026-03-10", "2026-03-10", "2026-03-11", "2026-03-12"}
	var ids []string
	for i, day := range days {
		ids = append(ids, verifyCase(t, db, day, writeApp(t, dir, uint64(40+i), fmt.Sprintf("acct-%d", i))))
	}
	_, stderr, status := reviewCLI(t, db, dayDecided, "reject", ids[4], "-reviewer", "rev", "-reason", "review.details_mismatch")
	require.Equal(t, 0, status, stderr)

	list := func(day string, args ...string) []caseLine {
		t.Helper()
		stdout, stderr, status := cli(t, append([]string{"review", "list", "-db", db, "-now", day}, args...)...)
		require.Equal(t, 0, status, stderr)
		return decodeLines(t, stdout)
	}
	idsOf := func(ls []caseLine) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.Case)
		}
		return out
	}

	all := list(dayDecided)
	require.Len(t, all, 4, "the pending cases by default")
	for i := 1; i < len(all); i++ {
		assert.False(t, all[i].Review.Due.At.Before(all[i-1].Review.Due.At), "by deadline")
	}
	assert.Equal(t, ids[0], all[0].Case, "the case due first comes first")
	assert.NotContains(t, idsOf(all), ids[4], "a rejected case is not pending")

	var paged []caseLine
	after := ""
	for range 10 {
		args := []string{"-limit", "3"}
		if after != "" {
			args = append(args, "-after", after)
		}
		page := list(dayDecided, append(args, "-state", "all")...)
		paged = append(paged, page...)
		if len(page) < 3 {
			break
		}
		after = page[len(page)-1].Cursor
	}
	assert.Len(t, paged, 5, "every case once, over two pages")
	assert.ElementsMatch(t, ids, idsOf(paged))

	assert.Equal(t, []string{ids[4]}, idsOf(list(dayDecided, "-state", "final")))
	assert.Equal(t, []string{ids[4]}, idsOf(list(dayDecided, "-state", "rejected,withdrawn")))
	assert.Equal(t, []string{ids[2]}, idsOf(list(dayDecided, "-account", "acct-2")))
	assert.Len(t, list(dayDecided, "-region", "cn"), 4)
	assert.Empty(t, list(dayDecided, "-kind", "passport"))
	assert.Len(t, list(dayDecided, "-kind", "id_card"), 4)

	// On Friday 13 March at noon only the case of Monday 9 March (due by
	// the end of Thursday 12 March) is overdue; on Tuesday 17 March, all
	// four pending cases are.
	overdue := list("2026-03-13", "-overdue")
	assert.Equal(t, []string{ids[0]}, idsOf(overdue))
	assert.True(t, *overdue[0].Overdue)
	assert.Len(t, list("2026-03-17", "-overdue"), 4)

	for _, bad := range [][]string{
		{"-after", "not a cursor"},
		{"-state", "pendingish"},
		{"-kind", "visa"},
		{"-limit", "0"},
	} {
		_, stderr, status := cli(t, append([]string{"review", "list", "-db", db}, bad...)...)
		assert.Equal(t, 2, status, "%v: %s", bad, stderr)
	}
}

// TestReviewClaim: reviewers claim the case due first that nobody holds;
// another reviewer cannot decide a held case until the lease ends.
func TestReviewClaim(t *testing.T) {
	t.Setenv(envBindingKey, testBindingKey)
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	first := verifyCase(t, db, "2026-03-09", writeApp(t, dir, 50, "acct-a"))
	second := verifyCase(t, db, dayVerify, writeApp(t, dir, 51, "acct-b"))

	const morning = "2026-03-16T09:00:00+08:00"
	a, stderr, status := reviewCLI(t, db, morning, "claim", "-reviewer", "alice", "-lease", "30m")
	require.Equal(t, 0, status, stderr)
	assert.Equal(t, first, a.Case, "the case due first")
	assert.Equal(t, "under_review", a.State)
	assert.Equal(t, "alice", a.Review.ClaimedBy)
	assert.True(t, a.Review.ClaimedUntil.Equal(at(t, morning).Add(30*time.Minute)), "the lease runs from -now")

	again, _, status := reviewCLI(t, db, morning, "claim", "-reviewer", "alice")
	require.Equal(t, 0, status)
	assert.Equal(t, first, again.Case, "a reviewer holding a case gets it again")

	b, _, status := reviewCLI(t, db, morning, "claim", "-reviewer", "bob")
	require.Equal(t, 0, status)
	assert.Equal(t, second, b.Case)

	none, stderr, status := reviewCLI(t, db, morning, "claim", "-reviewer", "carol")
	assert.Equal(t, exitNotFound, status, "no case is free: %s", stderr)
	assert.Equal(t, "review.not_found", none.Code)

	held, _, status := reviewCLI(t, db, morning, "approve", first, "-reviewer", "bob")
	assert.Equal(t, exitRefused, status)
	assert.Equal(t, "review.lease_held", held.Code)
	assert.Equal(t, "under_review", held.State)
	assert.Equal(t, "pending", held.Binding.State)

	const later = "2026-03-16T10:00:00+08:00"
	c, _, status := reviewCLI(t, db, later, "claim", "-reviewer", "carol")
	require.Equal(t, 0, status)
	assert.Equal(t, first, c.Case, "alice's lease ended")
	approved, stderr, status := reviewCLI(t, db, later, "approve", first, "-reviewer", "carol")
	require.Equal(t, 0, status, stderr)
	assert.Equal(t, "confirmed", approved.Binding.State)
	assert.Empty(t, approved.Review.ClaimedBy)
	checkStore(t, db, later)
}

// TestReviewStatsAndExpire counts decisions in time and late, and expires
// abandoned cases with their slots.
func TestReviewStatsAndExpire(t *testing.T) {
	t.Setenv(envBindingKey, testBindingKey)
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	var ids []string
	for i := range 4 {
		ids = append(ids, verifyCase(t, db, dayVerify, writeApp(t, dir, uint64(60+i), fmt.Sprintf("acct-%d", i))))
	}
	_, _, status := reviewCLI(t, db, "2026-03-12", "approve", ids[0], "-reviewer", "rev")
	require.Equal(t, 0, status)
	_, _, status = reviewCLI(t, db, dayDecided, "reject", ids[1], "-reviewer", "rev", "-reason", "review.headwear")
	require.Equal(t, 0, status)

	stats := func(day string, args ...string) map[string]any {
		t.Helper()
		stdout, stderr, status := cli(t, append([]string{"review", "stats", "-db", db, "-now", day}, args...)...)
		require.Equal(t, 0, status, stderr)
		var out map[string]any
		require.NoError(t, json.Unmarshal([]byte(stdout), &out), stdout)
		return out
	}
	s := stats(dayDecided)
	assert.EqualValues(t, 2, s["pending"])
	assert.EqualValues(t, 2, s["overdue"])
	assert.EqualValues(t, 2, s["decided"])
	assert.EqualValues(t, 1, s["decided_in_time"], "the approval on Thursday was in time, the rejection on Monday late")
	assert.EqualValues(t, 0.5, s["in_time_share"])
	s = stats(dayDecided, "-since", "2026-03-13")
	assert.EqualValues(t, 1, s["decided"], "the window starts at -since")
	s = stats(dayDecided, "-since", "24h")
	assert.EqualValues(t, 1, s["decided"])

	stdout, stderr, status := cli(t, "review", "expire", "-db", db, "-now", "2026-04-20", "-age", "720h")
	require.Equal(t, 0, status, stderr)
	assert.Contains(t, stdout, `"expired":2`)
	for _, id := range ids[2:] {
		got, _, status := reviewCLI(t, db, "2026-04-20", "show", id)
		require.Equal(t, 0, status)
		assert.Equal(t, "withdrawn", got.State)
		assert.Equal(t, "none", got.Binding.State, "the expired case's slot is freed")
	}
	checkStore(t, db, "2026-04-20")
}

// TestReviewErrors: usage errors exit 2 before the store is opened, a
// missing secret 1, a missing case 5.
func TestReviewErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	t.Setenv(envBindingKey, "")
	_, stderr, status := cli(t, "review", "show", "x", "-db", db)
	assert.Equal(t, 1, status)
	assert.Contains(t, stderr, envBindingKey)
	_, err := os.Stat(db)
	assert.True(t, os.IsNotExist(err), "no database was created")

	t.Setenv(envBindingKey, testBindingKey)
	for _, tc := range []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"review"}, 2, "usage"},
		{[]string{"review", "decide"}, 2, "unknown command"},
		{[]string{"review", "show", "x"}, 2, "-db is required"},
		{[]string{"review", "show", "-db", db}, 2, "want 1 argument"},
		{[]string{"review", "show", "x", "y", "-db", db}, 2, "want 1 argument"},
		{[]string{"review", "show", "x", "-db", db, "-now", "soon"}, 2, "-now"},
		{[]string{"review", "approve", "x", "-db", db}, 2, "-reviewer is required"},
		{[]string{"review", "approve", "x", "-db", db, "-reviewer", "r", "-check", "face_visible,smiling"}, 2, `"smiling"`},
		{[]string{"review", "reject", "x", "-db", db, "-reviewer", "r"}, 2, "-reason is required"},
		{[]string{"review", "reject", "x", "-db", db, "-reviewer", "r", "-reason", "review.headwear,review.bad_hair"}, 2, "review.bad_hair"},
		{[]string{"review", "reject", "x", "-db", db, "-reviewer", "r", "-reason", "certificate.expired"}, 2, "unknown reason code"},
		{[]string{"review", "withdraw", "x", "-db", db}, 2, "-actor is required"},
		{[]string{"review", "claim", "-db", db}, 2, "-reviewer is required"},
		{[]string{"review", "claim", "-db", db, "-reviewer", "r", "-lease", "0s"}, 2, "-lease"},
		{[]string{"review", "stats", "-db", db, "-since", "last week"}, 2, "-since"},
		{[]string{"review", "expire", "-db", db}, 2, "-age"},
		{[]string{"review", "show", "nosuchcase", "-db", db}, exitNotFound, "no such case"},
		{[]string{"review", "approve", "nosuchcase", "-db", db, "-reviewer", "r"}, exitNotFound, "no such case"},
		{[]string{"review", "retry", "nosuchcase", filepath.Join("..", "testdata", "application.json"), "-db", db}, exitNotFound, "no such case"},
	} {
		_, stderr, status := cli(t, tc.args...)
		assert.Equal(t, tc.status, status, "%v: %s", tc.args, stderr)
		assert.Contains(t, stderr, tc.want, "%v", tc.args)
	}
	stdout, _, status := cli(t, "review", "-h")
	assert.Equal(t, 0, status)
	for name := range reviewCommands {
		assert.Contains(t, stdout, "\n  "+name+" ", "the usage lists %s", name)
	}
	_, stderr, _ = cli(t, "review", "reject", "-h")
	for _, code := range reasonCodes() {
		assert.Contains(t, stderr, code, "reject -h lists the reason codes")
	}
	_, stderr, _ = cli(t)
	assert.Contains(t, stderr, "exit status", "the usage documents the exit statuses")
	assert.Contains(t, stderr, "4  verify")
}

// TestReviewPostgres runs verify and the review commands against
// PostgreSQL: the case stored by one run is decided by ID in another days
// later, with its slot, and retried after a rejection.
func TestReviewPostgres(t *testing.T) {
	dsn, schema := postgresSchema(t)
	t.Setenv(envBindingKey, testBindingKey)
	dir := t.TempDir()
	pg := func(args ...string) []string { return append(args, "-schema", schema) }

	verify := func(day, app string) string {
		t.Helper()
		stdout, stderr, status := cli(t, pg("verify", "-db", dsn, "-now", day, app)...)
		require.Equal(t, 0, status, stderr)
		m := regexp.MustCompile(`"case": "([^"]+)"`).FindStringSubmatch(stdout)
		require.NotNil(t, m, stdout)
		return m[1]
	}
	review := func(day string, args ...string) (caseLine, int) {
		t.Helper()
		got, stderr, status := reviewCLI(t, dsn, day, pg(args...)...)
		if status != 0 {
			t.Log(stderr)
		}
		return got, status
	}

	app1, app2 := writeApp(t, dir, 70, "pg-1"), writeApp(t, dir, 71, "pg-2")
	id1, id2 := verify(dayVerify, app1), verify("2026-03-11", app2)
	stdout, _, status := cli(t, pg("verify", "-db", dsn, "-now", "2026-03-12", app1)...)
	assert.Equal(t, exitPending, status)
	assert.Contains(t, stdout, id1)

	page, status := review(dayDecided, "list", "-limit", "1")
	require.Equal(t, 0, status)
	assert.Equal(t, id1, page.Case, "due first")
	next, status := review(dayDecided, "list", "-limit", "1", "-after", page.Cursor)
	require.Equal(t, 0, status)
	assert.Equal(t, id2, next.Case)

	claimed, status := review(dayDecided, "claim", "-reviewer", "rev")
	require.Equal(t, 0, status)
	assert.Equal(t, id1, claimed.Case)
	approved, status := review(dayDecided, "approve", id1, "-reviewer", "rev", "-check", "face_visible")
	require.Equal(t, 0, status)
	assert.Equal(t, "approved", approved.State)
	assert.Equal(t, "confirmed", approved.Binding.State)

	rejected, status := review(dayDecided, "reject", id2, "-reviewer", "rev", "-reason", "review.unreadable")
	require.Equal(t, 0, status)
	assert.Equal(t, "none", rejected.Binding.State)
	stdout, stderr, status := cli(t, pg("review", "retry", id2, "-db", dsn, "-now", "2026-03-17", app2)...)
	require.Equal(t, 0, status, stderr)
	assert.Contains(t, stdout, `"previous": "`+id2+`"`)
	assert.Contains(t, stdout, `"state": "pending"`, "the retry reserves the slot again")

	shown, status := review("2026-03-18", "show", id1)
	require.Equal(t, 0, status)
	assert.Equal(t, "approved", shown.State)
	assert.Equal(t, "confirmed", shown.Binding.State)

	stats, stderr, status := cli(t, pg("review", "stats", "-db", dsn, "-now", "2026-03-18")...)
	require.Equal(t, 0, status, stderr)
	assert.Contains(t, stats, `"pending":1`)
	assert.Contains(t, stats, `"decided":2`)
}
