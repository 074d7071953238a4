package sqlite

// Tests with several OS processes on one file. The test binary re-executes
// itself with TestHelperProcess selected and BINDING_HELPER naming the job.

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/bindingtest"
)

var now = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

// helper starts the test binary as a helper process running job on the
// database at path.
func helper(t *testing.T, job, path, id string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "BINDING_HELPER="+job, "BINDING_DB="+path, "BINDING_ID="+id)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestHelperProcess is not a test: it is the body of the helper processes.
func TestHelperProcess(t *testing.T) {
	job := os.Getenv("BINDING_HELPER")
	if job == "" {
		t.Skip("helper process only")
	}
	if err := runHelper(job, os.Getenv("BINDING_DB"), os.Getenv("BINDING_ID")); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	os.Exit(0)
}

func runHelper(job, path, id string) error {
	ctx := context.Background()
	s, err := Open(ctx, path, Options{BusyTimeout: time.Minute})
	if err != nil {
		return err
	}
	defer s.Close()
	keys, err := binding.NewKeyring(bindingtest.Secret())
	if err != nil {
		return err
	}
	switch job {
	case "race":
		// Every process tries 16 accounts on each of 4 certificates, in an
		// order that differs by process.
		for i := range 16 {
			for c := range 4 {
				key, err := keys.Key(bindingtest.Number(1000 + c))
				if err != nil {
					return err
				}
				account := fmt.Sprintf("p%s-a%d", id, i)
				res, err := s.Reserve(ctx, binding.Request{Key: key, Account: account, Limit: 3, Now: now})
				if err != nil {
					return err
				}
				if res.Held {
					fmt.Printf("held %d %s\n", c, account)
				}
			}
		}
	case "loop":
		// Reserve forever on fresh certificates, four accounts each, and
		// report every committed slot; the parent kills the process.
		for c := 0; ; c++ {
			key, err := keys.Key(bindingtest.Number(2000 + c))
			if err != nil {
				return err
			}
			for a := range 4 {
				account := fmt.Sprintf("a%d", a)
				res, err := s.Reserve(ctx, binding.Request{Key: key, Account: account, Limit: 3, Now: now})
				if err != nil {
					return err
				}
				if res.Held {
					fmt.Printf("held %d %s\n", c, account)
				}
			}
		}
	case "cases-open", "cases-review", "cases-late", "cases-loop", "cases-hold":
		return runCaseHelper(ctx, s, job, id)
	case "hold":
		// Open a write transaction, write into it, say so and wait to die.
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		key, err := keys.Key(bindingtest.Number(3000))
		if err != nil {
			return err
		}
		for a := range 3 {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO bindings (cert, account, state, expires_at, secret_id, created_at) VALUES (?, ?, 1, NULL, ?, ?)`,
				key.Current[:], fmt.Sprintf("ghost-%d", a), key.SecretID, ms(now)); err != nil {
				return err
			}
		}
		fmt.Println("holding")
		time.Sleep(time.Minute)
		return fmt.Errorf("not killed")
	}
	return nil
}

func integrity(t *testing.T, s *Store) {
	t.Helper()
	var res string
	require.NoError(t, s.db.QueryRow("PRAGMA integrity_check").Scan(&res))
	assert.Equal(t, "ok", res, "the database file is not corrupt")
}

func TestProcessesRaceOnOneFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	const procs = 4
	var mu sync.Mutex
	held := map[int][]string{}
	var wg sync.WaitGroup
	errs := make([]error, procs)
	for p := range procs {
		cmd := helper(t, "race", path, fmt.Sprint(p))
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		wg.Go(func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				var c int
				var a string
				if _, err := fmt.Sscanf(sc.Text(), "held %d %s", &c, &a); err == nil {
					mu.Lock()
					held[c] = append(held[c], a)
					mu.Unlock()
				}
			}
			errs[p] = cmd.Wait()
		})
	}
	wg.Wait()
	for p, err := range errs {
		require.NoError(t, err, "process %d", p)
	}
	s, err := Open(context.Background(), path, Options{})
	require.NoError(t, err)
	defer s.Close()
	keys := bindingtest.Keys(t)
	for c := range 4 {
		assert.Len(t, held[c], 3, "certificate %d: %d processes × 16 accounts, exactly 3 were told they hold it", c, procs)
		key, err := keys.Key(bindingtest.Number(1000 + c))
		require.NoError(t, err)
		for _, a := range held[c] {
			st, err := s.Status(context.Background(), key, a, now)
			require.NoError(t, err)
			assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 3}, st, "certificate %d account %s", c, a)
		}
	}
	integrity(t, s)
}

func TestProcessKilledInLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	cmd := helper(t, "loop", path, "0")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	held := map[int][]string{}
	sc := bufio.NewScanner(out)
	// Read 150 reports, kill the writer, then read what it wrote before it
	// died. A line cut by the kill does not parse and is not counted.
	for n := 0; sc.Scan(); n++ {
		var c int
		var a string
		if _, err := fmt.Sscanf(sc.Text(), "held %d %s", &c, &a); err == nil && strings.HasPrefix(a, "a") {
			held[c] = append(held[c], a)
		}
		if n == 150 {
			require.NoError(t, cmd.Process.Signal(syscall.SIGKILL), "kill the writer mid-loop")
		}
	}
	_ = cmd.Wait()
	require.NotEmpty(t, held, "the helper reported reservations before it was killed")

	s, err := Open(context.Background(), path, Options{})
	require.NoError(t, err)
	defer s.Close()
	integrity(t, s)
	keys := bindingtest.Keys(t)
	for c, accounts := range held {
		key, err := keys.Key(bindingtest.Number(2000 + c))
		require.NoError(t, err)
		for _, a := range accounts {
			st, err := s.Status(context.Background(), key, a, now)
			require.NoError(t, err)
			assert.True(t, st.Held, "certificate %d account %s: a reported reservation survived the kill", c, a)
		}
	}
	var over int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM (SELECT cert FROM bindings GROUP BY cert HAVING count(*) > 3)`).Scan(&over))
	assert.Zero(t, over, "no certificate is over-counted")
	var rows, reported int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM bindings`).Scan(&rows))
	for _, a := range held {
		reported += len(a)
	}
	assert.GreaterOrEqual(t, rows, reported, "nothing reported was lost")
	assert.LessOrEqual(t, rows, reported+1, "at most the one commit in flight when killed was not yet reported")
}

func TestProcessKilledInTransaction(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "held.db")
	s, err := Open(context.Background(), path, Options{})
	require.NoError(t, err)
	defer s.Close()
	keys := bindingtest.Keys(t)
	key, err := keys.Key(bindingtest.Number(3000))
	require.NoError(t, err)
	_, err = s.Reserve(context.Background(), binding.Request{Key: key, Account: "before", Limit: 3, Now: now})
	require.NoError(t, err)

	cmd := helper(t, "hold", path, "0")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "holding", strings.TrimSpace(line))

	// While the child holds the write lock, a write here waits; a short
	// deadline ends the wait with the context's error.
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	_, err = s.Reserve(ctx, binding.Request{Key: key, Account: "blocked", Limit: 3, Now: now})
	cancel()
	require.Error(t, err, "a write waits for the other process's transaction")
	assert.ErrorIs(t, err, context.DeadlineExceeded, "and gives up at its deadline")

	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL), "kill the process inside its transaction")
	_ = cmd.Wait()

	start := time.Now()
	res, err := s.Reserve(context.Background(), binding.Request{Key: key, Account: "after", Limit: 3, Now: now})
	require.NoError(t, err, "the dead process's lock is gone")
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2, Limit: 3}, res, "the killed transaction's three rows were rolled back")
	integrity(t, s)
}
