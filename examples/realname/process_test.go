//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/build"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/review/reviewtest"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/examples/internal/appfile"
)

// The tests in this file run the tool as other processes do, built once by
// TestMain, and kill it with SIGKILL at various points: whatever point,
// each case and its binding slot agree afterwards, since the store moves
// them in one transaction and the tool prints a case only once it is
// stored.

var (
	cliBinary string
	buildErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "realname-cli-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cliBinary = filepath.Join(dir, "realname")
	buildErr = buildCLI(cliBinary)
	status := m.Run()
	os.RemoveAll(dir)
	os.Exit(status)
}

// buildCLI builds this command into out with the go command that runs the
// tests.
func buildCLI(out string) error {
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(build.Default.GOROOT, "bin", "go")
	}
	b, err := exec.Command(goTool, "build", "-o", out, ".").CombinedOutput()
	if err != nil {
		return fmt.Errorf("go build: %v\n%s", err, b)
	}
	return nil
}

// command returns the built tool with args and the binding secret.
func command(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	require.NoError(t, buildErr)
	cmd := exec.Command(cliBinary, args...)
	cmd.Env = append(os.Environ(), envBindingKey+"="+testBindingKey)
	return cmd
}

// runProcess runs the tool to its end.
func runProcess(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := command(t, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return o.String(), e.String(), status
}

// showCase reads case id through another run of the tool.
func showCase(t *testing.T, db, day, id string) caseLine {
	t.Helper()
	stdout, stderr, status := runProcess(t, "review", "show", id, "-db", db, "-now", day)
	require.Equal(t, 0, status, stderr)
	lines := decodeLines(t, stdout)
	require.Len(t, lines, 1)
	return lines[0]
}

// killed reports whether the process ended by SIGKILL.
func killed(cmd *exec.Cmd) bool {
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

var caseIDLine = regexp.MustCompile(`"case": ?"([^"]+)"`)

// killAfterCaseID starts the tool and kills it as soon as its output names
// a case; it returns the case ID.
func killAfterCaseID(t *testing.T, args ...string) string {
	t.Helper()
	cmd := command(t, args...)
	var e bytes.Buffer
	cmd.Stderr = &e
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	id := ""
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if m := caseIDLine.FindStringSubmatch(sc.Text()); m != nil {
			id = m[1]
			_ = cmd.Process.Kill()
			break
		}
	}
	_ = cmd.Wait()
	require.NotEmpty(t, id, "the tool printed no case: %s", e.String())
	return id
}

// slotOf returns the slot of the application's account on its certificate,
// read from db in this process through the binding API.
func slotOf(t *testing.T, db, day, appPath string) binding.Result {
	t.Helper()
	loaded, err := appfile.Load(appPath)
	require.NoError(t, err)
	app := loaded.Application
	region := app.Claim.Region
	if region == "" {
		region = defaultRegion(app.Claim.Kind)
	}
	n, err := schemes.Default().Parse(app.Claim.Kind, region, app.Claim.Number)
	require.NoError(t, err)
	keys, err := binding.NewKeyring(binding.NewSecret([]byte(testBindingKey)))
	require.NoError(t, err)
	s, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	require.NoError(t, err)
	defer s.Close()
	key, err := keys.Key(n.Number)
	require.NoError(t, err)
	res, err := s.Status(context.Background(), key, app.Account.ID, at(t, day))
	require.NoError(t, err)
	return res
}

// casesOf lists every case of account in db.
func casesOf(t *testing.T, db, account string) []*review.Case {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	require.NoError(t, err)
	defer s.Close()
	cs, err := s.List(context.Background(), review.Query{Account: account,
		States: []review.State{review.Submitted, review.UnderReview, review.Approved, review.Rejected, review.Withdrawn}})
	require.NoError(t, err)
	return cs
}

// TestProcessKilledAfterPrintingTheCase: verify is killed right after it
// printed the case ID; a second process days later finds the case pending
// with its slot, and approves it by ID, also killed right after printing.
func TestProcessKilledAfterPrintingTheCase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	app := writeApp(t, dir, 80, "acct-killed")

	id := killAfterCaseID(t, "verify", "-db", db, "-now", dayVerify, app)
	got := showCase(t, db, dayDecided, id)
	assert.Equal(t, "submitted", got.State, "the printed case was stored")
	assert.Equal(t, "pending", got.Binding.State, "with its slot")
	checkStore(t, db, dayDecided)

	decided := killAfterCaseID(t, "review", "approve", id, "-db", db, "-now", dayDecided, "-reviewer", "rev")
	assert.Equal(t, id, decided)
	got = showCase(t, db, "2026-03-17", id)
	assert.Equal(t, "approved", got.State)
	assert.Equal(t, "confirmed", got.Binding.State)
	assert.Equal(t, "confirmed", slotOf(t, db, "2026-03-17", app).State.String())
	checkStore(t, db, "2026-03-17")
}

// TestVerifyRefusesAPipe: a handheld photo that is a named pipe with no
// writer is refused at once as a missing file (not a regular file), where
// the tool used to wait for the pipe's writer forever: no case waits, no
// slot is held, and the account can apply again with a real file.
func TestVerifyRefusesAPipe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	slow := t.TempDir()
	app := writeApp(t, slow, 81, "acct-slow")
	hand := filepath.Join(slow, "hand-81.png")
	png, err := os.ReadFile(hand)
	require.NoError(t, err)
	require.NoError(t, os.Remove(hand))
	require.NoError(t, syscall.Mkfifo(hand, 0o600))

	stdout, stderr, status := runWithin(t, time.Minute, "verify", "-db", db, "-now", dayVerify, app)
	require.Equal(t, 0, status, stderr)
	assert.Contains(t, stderr, "not a regular file (a named pipe)")
	assert.Contains(t, stdout, `"application.file_missing"`)
	assert.Contains(t, stdout, `"rejected"`, "a missing file is rejected at once, so no case waits")
	assert.False(t, slotOf(t, db, dayVerify, app).Held, "and no slot is held")
	checkStore(t, db, dayVerify)

	require.NoError(t, os.Remove(hand))
	require.NoError(t, os.WriteFile(hand, png, 0o600))
	stdout, stderr, status = runProcess(t, "verify", "-db", db, "-now", dayVerify, app)
	require.Equal(t, 0, status, stderr)
	assert.Contains(t, stdout, `"count": 1`)
	checkStore(t, db, dayVerify)
}

// TestFileRefusesSpecialFiles: realname file reports a pipe, a device and a
// directory as errors without reading them, and goes on with the next path.
func TestFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "cert.jpg")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	good := filepath.Join(dir, "good.png")
	require.NoError(t, os.WriteFile(good, authntest.CertificatePNG(81), 0o600))
	stdout, stderr, status := runWithin(t, time.Minute, "file", fifo, "/dev/zero", dir, good)
	require.Equal(t, 1, status, stderr)
	lines := bytes.Split(bytes.TrimSpace([]byte(stdout)), []byte("\n"))
	require.Len(t, lines, 4, stdout)
	for i, want := range []string{"a named pipe", "a device", "a directory"} {
		assert.Contains(t, string(lines[i]), `"verdict":"error"`)
		assert.Contains(t, string(lines[i]), "not a regular file ("+want+")")
	}
	assert.NotContains(t, string(lines[3]), `"error"`, "the regular file after them is inspected")
}

// TestSignalRemovesTheTemporaryStore: verify without -db keeps its cases in
// a temporary SQLite store; SIGTERM at any moment of the run ends it with
// the store removed.
func TestSignalRemovesTheTemporaryStore(t *testing.T) {
	src := t.TempDir()
	app := writeApp(t, src, 82, "acct-signal")
	for i := range 12 {
		tmp := t.TempDir()
		cmd := command(t, "verify", "-now", dayVerify, app)
		cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
		require.NoError(t, cmd.Start())
		time.Sleep(time.Duration(i*i) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		entries, err := os.ReadDir(tmp)
		require.NoError(t, err)
		var left []string
		for _, e := range entries {
			left = append(left, e.Name())
		}
		assert.Empty(t, left, "signal after %d ms left the temporary store behind", i*i)
	}
}

// runWithin runs the tool and fails the test if it has not ended within d.
func runWithin(t *testing.T, d time.Duration, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := command(t, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			status = exit.ExitCode()
		case err != nil:
			t.Fatal(err)
		}
	case <-time.After(d):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the tool was still running after %v: %s", d, e.String())
	}
	return o.String(), e.String(), status
}

// TestProcessKilledWhileWaitingForTheStore: approve is killed while another
// process holds the SQLite file's write lock, so the approval waits; the
// case stays pending with its slot, and a later run approves it.
func TestProcessKilledWhileWaitingForTheStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	app := writeApp(t, dir, 82, "acct-wait")
	stdout, stderr, status := runProcess(t, "verify", "-db", db, "-now", dayVerify, app)
	require.Equal(t, 0, status, stderr)
	id := caseIDLine.FindStringSubmatch(stdout)[1]

	ctx := context.Background()
	s, err := sqlite.Open(ctx, db, sqlite.Options{})
	require.NoError(t, err)
	tx, err := s.DB().BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	require.NoError(t, err)
	cmd := command(t, "review", "approve", id, "-db", db, "-now", dayDecided, "-reviewer", "rev")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	require.NoError(t, cmd.Start())
	time.Sleep(500 * time.Millisecond)
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	require.NoError(t, tx.Rollback())
	require.NoError(t, s.Close())
	require.True(t, killed(cmd), "the approval was waiting, not done: %s %s", o.String(), e.String())
	assert.Empty(t, o.String(), "nothing was printed")

	got := showCase(t, db, dayDecided, id)
	assert.Equal(t, "submitted", got.State)
	assert.Equal(t, "pending", got.Binding.State)
	checkStore(t, db, dayDecided)

	stdout, stderr, status = runProcess(t, "review", "approve", id, "-db", db, "-now", dayDecided, "-reviewer", "rev")
	require.Equal(t, 0, status, stderr)
	assert.Contains(t, stdout, `"state":"confirmed"`)
	checkStore(t, db, dayDecided)
}

// TestProcessKilledAtRandomPoints kills verify and the decisions after a
// random delay, before, while or after they write: after every kill each
// case agrees with its slot, and an account without a case holds none.
func TestProcessKilledAtRandomPoints(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	rng := rand.New(rand.NewPCG(1, 2))
	decisions := [][]string{
		{"approve", "-reviewer", "rev"},
		{"reject", "-reviewer", "rev", "-reason", "review.headwear"},
		{"withdraw", "-actor", "acct"},
	}
	stopped, done := 0, 0
	kill := func(args ...string) (interrupted bool) {
		cmd := command(t, args...)
		require.NoError(t, cmd.Start())
		time.Sleep(time.Duration(rng.IntN(60_000)) * time.Microsecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if killed(cmd) {
			stopped++
			return true
		}
		done++
		return false
	}
	for i := range 12 {
		account := fmt.Sprintf("acct-%d", i)
		app := writeApp(t, dir, uint64(90+i), account)
		kill("verify", "-db", db, "-now", dayVerify, app)
		cs := casesOf(t, db, account)
		if len(cs) == 0 {
			assert.False(t, slotOf(t, db, dayVerify, app).Held, "%s: no case, no slot", account)
			continue
		}
		require.Len(t, cs, 1)
		assert.Equal(t, binding.Pending, slotOf(t, db, dayVerify, app).State, "%s: a pending case holds a pending slot", account)

		d := decisions[i%len(decisions)]
		args := append([]string{"review", d[0], cs[0].ID, "-db", db, "-now", dayDecided}, d[1:]...)
		kill(args...)
		c := casesOf(t, db, account)[0]
		want := map[review.State]binding.State{review.Submitted: binding.Pending, review.Approved: binding.Confirmed,
			review.Rejected: binding.None, review.Withdrawn: binding.None}[c.State]
		assert.Equal(t, want, slotOf(t, db, dayDecided, app).State, "%s: the slot of a %s case", account, c.State)
		checkStore(t, db, dayDecided)
	}
	t.Logf("%d runs killed, %d finished before the kill", stopped, done)
}

// TestProcessKilledInsideAPostgresTransaction: approve is killed while its
// transaction waits for the case's row, which this test holds locked; the
// server rolls the transaction back, the case stays pending with its slot,
// and a later run approves it.
func TestProcessKilledInsideAPostgresTransaction(t *testing.T) {
	dsn, schema := postgresSchema(t)
	app := writeApp(t, t.TempDir(), 86, "pg-killed")
	stdout, stderr, status := runProcess(t, "verify", "-db", dsn, "-schema", schema, "-now", dayVerify, app)
	require.Equal(t, 0, status, stderr)
	id := caseIDLine.FindStringSubmatch(stdout)[1]

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	tx, err := conn.Begin(ctx)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, "SELECT 1 FROM "+schema+".cases WHERE id = $1 FOR UPDATE", id)
	require.NoError(t, err)

	cmd := command(t, "review", "approve", id, "-db", dsn, "-schema", schema, "-now", dayDecided, "-reviewer", "rev")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	require.NoError(t, cmd.Start())
	// Wait until the tool's transaction waits for the row. Another
	// connection watches: in a transaction, the statistics views stand
	// still.
	watch, err := pgx.Connect(ctx, dsn)
	require.NoError(t, err)
	defer watch.Close(context.Background())
	waiting := false
	for deadline := time.Now().Add(30 * time.Second); !waiting && time.Now().Before(deadline); {
		var n int
		// Any statement of the tool on this schema waiting for a lock: the
		// test's row lock on the case blocks the approval wherever the
		// store's transaction first touches that row.
		require.NoError(t, watch.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE wait_event_type = 'Lock' AND state = 'active' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()`, schema).Scan(&n))
		waiting = n > 0
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	require.NoError(t, tx.Rollback(ctx))
	require.True(t, waiting, "the approval never waited for the row: %s %s", o.String(), e.String())
	require.True(t, killed(cmd))

	s, err := postgres.Open(ctx, dsn, postgres.Options{Schema: schema})
	require.NoError(t, err)
	defer s.Close()
	got, stderr, status := runProcess(t, "review", "show", id, "-db", dsn, "-schema", schema, "-now", dayDecided)
	require.Equal(t, 0, status, stderr)
	assert.Contains(t, got, `"state":"submitted"`, "the killed approval changed nothing")
	assert.Contains(t, got, `"binding":{"held":true,"state":"pending"`)
	reviewtest.CheckInvariants(t, s, at(t, dayDecided))

	stdout, stderr, status = runProcess(t, "review", "approve", id, "-db", dsn, "-schema", schema, "-now", dayDecided, "-reviewer", "rev")
	require.Equal(t, 0, status, stderr)
	assert.Contains(t, stdout, `"binding":{"held":true,"state":"confirmed"`)
	reviewtest.CheckInvariants(t, s, at(t, dayDecided))
}
