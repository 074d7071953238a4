package sqlite

// Cross-process tests of the case store: helper processes (see
// process_test.go) open, claim and decide cases on one file.

import (
	"bufio"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
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

// procRef returns the i-th certificate of the process tests.
func procRef(i int) *review.CertificateRef {
	return &review.CertificateRef{Digest: review.Digest(sha256.Sum256(fmt.Appendf(nil, "process certificate %d", i))),
		SecretID: "s1", Masked: "C0******9", Kind: certificate.Passport, Region: "DE"}
}

// makeCase returns a submitted case of account on ref (none when nil),
// submitted at and due days later.
func makeCase(id, account string, ref *review.CertificateRef, at time.Time, days int) *review.Case {
	due := at.Truncate(24*time.Hour).AddDate(0, 0, days+1)
	return &review.Case{
		ID: id, Account: account, Attempt: 1, State: review.Submitted,
		SubmittedAt: at,
		Due:         workday.Due{Date: certificate.Date{Year: due.Year(), Month: due.Month(), Day: due.Day()}.AddDays(-1), At: due},
		History:     []review.Event{{To: review.Submitted, At: at, Actor: account}},
		Kind:        certificate.Passport, Region: "DE", Certificate: ref,
		Verdict:  rules.NeedsReview,
		Findings: []rules.Violation{{Code: "file.blurry", Field: "files.certificate", Severity: rules.Review}},
	}
}

// decideTime is when the reviewing processes decide: after the slots of
// certificates 0 and 1, reserved with an expiry, lapsed.
var decideTime = now.Add(time.Minute)

func runCaseHelper(ctx context.Context, s *Store, job, id string) error {
	switch job {
	case "cases-open":
		// 16 accounts of this process, 4 on each of 4 certificates (the
		// slots of 0 and 1 lapse after 30 s), and one case without
		// certificate for each of 4 accounts every process shares.
		for i := range 16 {
			c := makeCase(fmt.Sprintf("p%s-c%d", id, i), fmt.Sprintf("p%s-a%d", id, i), procRef(i%4), now, 1+i%3)
			slot := &review.SlotRequest{Limit: 3}
			if i%4 < 2 {
				slot.Expires = now.Add(30 * time.Second)
			}
			res, err := s.Open(ctx, c, slot)
			if err != nil {
				return err
			}
			if res.Held {
				fmt.Printf("open %s %d\n", c.ID, i%4)
			}
		}
		for i := range 4 {
			c := makeCase(fmt.Sprintf("p%s-s%d", id, i), fmt.Sprintf("shared-%d", i), nil, now, 2)
			_, err := s.Open(ctx, c, nil)
			var oce *review.OpenCaseError
			switch {
			case errors.As(err, &oce):
				fmt.Printf("dup %s %s\n", c.ID, oce.Case.ID)
			case err != nil:
				return err
			default:
				fmt.Printf("open %s -1\n", c.ID)
			}
		}
	case "cases-review":
		// Claim and decide until no case is free: approve or reject by a
		// hash of the ID; an approval whose lapsed slot is lost rejects.
		reviewer := "r" + id
		for {
			c, err := s.Claim(ctx, reviewer, decideTime, time.Hour)
			if errors.Is(err, review.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			fmt.Printf("claim %s\n", c.ID)
			h := fnv.New32a()
			io.WriteString(h, c.ID)
			d := review.Decision{ID: c.ID, To: review.Approved, Actor: reviewer, At: decideTime, Limit: 3}
			if h.Sum32()%2 == 1 {
				d.To, d.Reasons = review.Rejected, []rules.Violation{{Code: "file.blurry"}}
			}
			c, err = s.Decide(ctx, d)
			if errors.Is(err, review.ErrSlotLost) {
				d.To, d.Reasons = review.Rejected, []rules.Violation{{Code: "slot.lost"}}
				c, err = s.Decide(ctx, d)
			}
			if err != nil {
				return err
			}
			fmt.Printf("decided %s %s\n", c.ID, c.State)
		}
	case "cases-late":
		// New accounts open cases on the four certificates while the
		// reviewers decide: their slots race the lapsed ones.
		for i := range 12 {
			c := makeCase(fmt.Sprintf("late-c%d", i), fmt.Sprintf("late-a%d", i), procRef(i%4), decideTime, 3)
			res, err := s.Open(ctx, c, &review.SlotRequest{Limit: 3})
			if err != nil {
				return err
			}
			if res.Held {
				fmt.Printf("open %s %d\n", c.ID, i%4)
			}
		}
	case "cases-loop":
		// Open, claim and decide forever, two cases per certificate,
		// reporting every commit; the parent kills the process.
		for n := 0; ; n++ {
			c := makeCase(fmt.Sprint("c", n), fmt.Sprint("a", n), procRef(n/2), now, 1)
			res, err := s.Open(ctx, c, &review.SlotRequest{Limit: 3})
			if err != nil || !res.Held {
				return fmt.Errorf("open %s: %+v %v", c.ID, res, err)
			}
			fmt.Printf("open %s\n", c.ID)
			got, err := s.Claim(ctx, "loop", now, time.Hour)
			if err != nil {
				return err
			}
			fmt.Printf("claim %s\n", got.ID)
			d := review.Decision{ID: got.ID, To: review.Approved, Actor: "loop", At: now, Limit: 3}
			if n%2 == 1 {
				d.To, d.Reasons = review.Rejected, []rules.Violation{{Code: "file.blurry"}}
			}
			if got, err = s.Decide(ctx, d); err != nil {
				return err
			}
			fmt.Printf("decided %s %s\n", got.ID, got.State)
		}
	case "cases-hold":
		// Half a decision and a ghost case inside one transaction; say so
		// and wait to be killed.
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, q := range []string{
			`UPDATE cases SET state = 3, decided_at = 0 WHERE id = 'held'`,
			`UPDATE bindings SET state = 2 WHERE account = 'alice'`,
			`INSERT INTO cases (id, account, attempt, state, submitted_at, due_at, doc) VALUES ('ghost', 'ghost', 1, 1, 0, 0, '{}')`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		fmt.Println("holding")
		time.Sleep(time.Minute)
		return errors.New("not killed")
	}
	return nil
}

// runHelpers starts one helper process per job on path and returns the
// lines they printed, by process, once all exited successfully.
func runHelpers(t *testing.T, path string, jobs ...string) [][]string {
	t.Helper()
	lines := make([][]string, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for p, job := range jobs {
		cmd := helper(t, job, path, fmt.Sprint(p))
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		wg.Go(func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines[p] = append(lines[p], sc.Text())
			}
			errs[p] = cmd.Wait()
		})
	}
	wg.Wait()
	for p, err := range errs {
		require.NoError(t, err, "process %d (%s)", p, jobs[p])
	}
	return lines
}

func TestProcessesCases(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "cases.db")

	// Four processes open cases at once.
	opened := map[string]int{} // case → certificate
	perCert := map[int]int{}
	for _, ls := range runHelpers(t, path, "cases-open", "cases-open", "cases-open", "cases-open") {
		for _, l := range ls {
			var c string
			var cert int
			if _, err := fmt.Sscanf(l, "open %s %d", &c, &cert); err == nil {
				require.NotContains(t, opened, c)
				opened[c] = cert
				perCert[cert]++
			}
		}
	}
	for cert := range 4 {
		assert.Equal(t, 3, perCert[cert], "certificate %d: 16 accounts in 4 processes, exactly 3 opened a case", cert)
	}
	assert.Equal(t, 4, perCert[-1], "each shared account opened exactly one pending case")

	// Three processes claim and decide while a fourth opens new cases.
	claims := map[string]int{}
	decided := map[string]string{}
	lateOpened := 0
	for _, ls := range runHelpers(t, path, "cases-review", "cases-review", "cases-review", "cases-late") {
		for _, l := range ls {
			f := strings.Fields(l)
			switch f[0] {
			case "claim":
				claims[f[1]]++
			case "decided":
				decided[f[1]] = f[2]
			case "open":
				lateOpened++
			}
		}
	}
	for c, n := range claims {
		assert.Equal(t, 1, n, "case %s was claimed exactly once", c)
	}
	for c := range opened {
		assert.Contains(t, claims, c, "every case opened before the reviewers started was claimed")
	}
	t.Logf("%d cases claimed, %d late cases opened beside the decisions", len(claims), lateOpened)

	s, err := Open(ctx, path, Options{})
	require.NoError(t, err)
	defer s.Close()
	for c, state := range decided {
		got := get(t, s, c)
		assert.Equal(t, state, got.State.String(), "case %s is stored as decided", c)
		assert.Empty(t, got.ClaimedBy)
	}
	agree(t, s, decideTime)
	integrity(t, s)
}

func TestProcessKilledInCaseLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	cmd := helper(t, "cases-loop", path, "0")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	opened := map[string]bool{}
	decided := map[string]string{}
	sc := bufio.NewScanner(out)
	// Read 200 reports, kill the writer, then read what it wrote before it
	// died. A line cut by the kill does not parse and is not counted.
	for n := 0; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "open":
			opened[f[1]] = true
		case len(f) == 3 && f[0] == "decided" && (f[2] == "approved" || f[2] == "rejected"):
			decided[f[1]] = f[2]
		}
		if n == 200 {
			require.NoError(t, cmd.Process.Signal(syscall.SIGKILL), "kill the writer mid-loop")
		}
	}
	_ = cmd.Wait()
	require.NotEmpty(t, decided, "the helper reported decisions before it was killed")

	s, err := Open(ctx, path, Options{})
	require.NoError(t, err)
	defer s.Close()
	integrity(t, s)
	for c := range opened {
		_, err := s.Get(ctx, c)
		assert.NoError(t, err, "reported case %s survived the kill", c)
	}
	for c, state := range decided {
		assert.Equal(t, state, get(t, s, c).State.String(), "reported decision of %s survived the kill", c)
	}
	var stored, final int
	require.NoError(t, s.db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE state IN (3, 4)) FROM cases`).Scan(&stored, &final))
	assert.LessOrEqual(t, stored, len(opened)+1, "at most the one Open in flight was not yet reported")
	assert.LessOrEqual(t, final, len(decided)+1, "at most the one Decide in flight was not yet reported")
	agree(t, s, now)
}

func TestProcessKilledInCaseTransaction(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "held.db")
	s, err := Open(ctx, path, Options{})
	require.NoError(t, err)
	defer s.Close()
	c := makeCase("held", "alice", procRef(1), now, 3)
	_, err = s.Open(ctx, c, &review.SlotRequest{Limit: 3})
	require.NoError(t, err)

	cmd := helper(t, "cases-hold", path, "0")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "holding", strings.TrimSpace(line))

	wait, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	_, err = s.Decide(wait, review.Decision{ID: "held", To: review.Approved, Actor: "rev", At: now, Limit: 3})
	cancel()
	assert.ErrorIs(t, err, context.DeadlineExceeded, "a decision waits for the other process's transaction, up to its deadline")

	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL), "kill the process inside its transaction")
	_ = cmd.Wait()

	got := get(t, s, "held")
	assert.Equal(t, c, got, "the half-made decision was rolled back")
	key := binding.Key{Current: binding.Digest(procRef(1).Digest), SecretID: "s1"}
	st, err := s.Status(ctx, key, "alice", now)
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 1}, st, "and so was its slot's")
	_, err = s.Get(ctx, "ghost")
	assert.ErrorIs(t, err, review.ErrNotFound, "the ghost case was never committed")

	d, err := s.Decide(ctx, review.Decision{ID: "held", To: review.Approved, Actor: "rev", At: now, Limit: 3})
	require.NoError(t, err, "the dead process's lock is gone")
	assert.Equal(t, review.Approved, d.State)
	st, err = s.Status(ctx, key, "alice", now)
	require.NoError(t, err)
	assert.Equal(t, binding.Confirmed, st.State)
	integrity(t, s)
}
