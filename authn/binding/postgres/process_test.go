package postgres_test

// Tests with a client process killed while it works. The test binary
// re-executes itself with TestHelperProcess selected.

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/bindingtest"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/authn/review"
)

var now = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

func helper(t *testing.T, job, schema string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "BINDING_HELPER="+job, "BINDING_SCHEMA="+schema)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestHelperProcess is not a test: it is the body of the helper processes.
func TestHelperProcess(t *testing.T) {
	job := os.Getenv("BINDING_HELPER")
	if job == "" {
		t.Skip("helper process only")
	}
	if err := runHelper(job, os.Getenv("REALNAME_TEST_POSTGRES_DSN"), os.Getenv("BINDING_SCHEMA")); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	os.Exit(0)
}

func runHelper(job, dsn, schema string) error {
	ctx := context.Background()
	s, err := postgres.Open(ctx, dsn, postgres.Options{Schema: schema})
	if err != nil {
		return err
	}
	defer s.Close()
	keys, err := binding.NewKeyring(bindingtest.Secret())
	if err != nil {
		return err
	}
	switch job {
	case "loop":
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
	case "decide":
		// Open cases and decide them, through a store of its own, until
		// killed: approvals confirm slots, rejections release them.
		for i := 0; ; i++ {
			r := ref(5000 + i%50)
			id, account := fmt.Sprintf("case-%d", i), fmt.Sprintf("acct-%d", i)
			res, err := s.Open(ctx, newCase(id, account, &r, now), &review.SlotRequest{Limit: limit})
			if err != nil {
				return err
			}
			if !res.Held {
				continue
			}
			d := approval(id, "rev", now)
			if i%3 != 0 {
				d = rejection(id, "rev", now)
			}
			if _, err := s.Decide(ctx, d); err != nil {
				return err
			}
			fmt.Printf("decided %s %s\n", id, d.To)
		}
	case "hold":
		// Take the certificate's lock and write rows in a transaction, say
		// so and wait to die.
		key, err := keys.Key(bindingtest.Number(3000))
		if err != nil {
			return err
		}
		tx, err := s.Pool().Begin(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock("+s.Schema()+".lock_key($1))", key.Current[:]); err != nil {
			return err
		}
		for a := range 3 {
			if _, err := tx.Exec(ctx, "INSERT INTO "+s.Schema()+".bindings (cert, account, state, secret_id, created_at) VALUES ($1, $2, 1, $3, $4)",
				key.Current[:], fmt.Sprintf("ghost-%d", a), key.SecretID, now); err != nil {
				return err
			}
		}
		fmt.Println("holding")
		time.Sleep(time.Minute)
		return fmt.Errorf("not killed")
	}
	return nil
}

func TestProcessKilledInLoop(t *testing.T) {
	s := open(t)
	name := strings.Trim(s.Schema(), `"`)
	cmd := helper(t, "loop", name)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	held := map[int][]string{}
	sc := bufio.NewScanner(out)
	reported := 0
	for n := 0; sc.Scan(); n++ {
		var c int
		var a string
		if _, err := fmt.Sscanf(sc.Text(), "held %d %s", &c, &a); err == nil && strings.HasPrefix(a, "a") {
			held[c] = append(held[c], a)
			reported++
		}
		if n == 100 {
			require.NoError(t, cmd.Process.Signal(syscall.SIGKILL), "kill the client mid-loop")
		}
	}
	_ = cmd.Wait()
	require.NotEmpty(t, held)

	ctx := context.Background()
	keys := bindingtest.Keys(t)
	for c, accounts := range held {
		key, err := keys.Key(bindingtest.Number(2000 + c))
		require.NoError(t, err)
		for _, a := range accounts {
			st, err := s.Status(ctx, key, a, now)
			require.NoError(t, err)
			assert.True(t, st.Held, "certificate %d account %s: a reported reservation survived the kill", c, a)
		}
	}
	// The server finishes or aborts the statement the killed client had
	// sent; wait until no other session works on this schema.
	require.Eventually(t, func() bool {
		var n int
		err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE pid <> pg_backend_pid() AND state <> 'idle' AND strpos(query, $1) > 0`, name).Scan(&n)
		return err == nil && n == 0
	}, 10*time.Second, 50*time.Millisecond)
	var over, rows int
	require.NoError(t, s.Pool().QueryRow(ctx, "SELECT count(*) FROM (SELECT cert FROM "+s.Schema()+".bindings GROUP BY cert HAVING count(*) > 3) x").Scan(&over))
	assert.Zero(t, over, "no certificate is over-counted")
	require.NoError(t, s.Pool().QueryRow(ctx, "SELECT count(*) FROM "+s.Schema()+".bindings").Scan(&rows))
	assert.GreaterOrEqual(t, rows, reported, "nothing reported was lost")
	assert.LessOrEqual(t, rows, reported+1, "at most the one commit in flight when killed was not yet reported")
}

func TestProcessKilledInTransaction(t *testing.T) {
	s := open(t)
	name := strings.Trim(s.Schema(), `"`)
	ctx := context.Background()
	key := bindingtest.KeyOf(t, 3000)
	_, err := s.Reserve(ctx, binding.Request{Key: key, Account: "before", Limit: 3, Now: now})
	require.NoError(t, err)

	cmd := helper(t, "hold", name)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "holding", strings.TrimSpace(line))

	dctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	_, err = s.Reserve(dctx, binding.Request{Key: key, Account: "blocked", Limit: 3, Now: now})
	cancel()
	assert.ErrorIs(t, err, context.DeadlineExceeded, "a reservation waits for the other client's lock, until its deadline")
	// The client's cancel request reaches the server asynchronously; until
	// it does, the waiting statement could still complete when the lock is
	// released (a timed-out call has an unknown outcome, see the package
	// documentation). Wait for the server to have cancelled it.
	require.Eventually(t, func() bool {
		var n int
		err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE pid <> pg_backend_pid() AND state = 'active' AND strpos(query, $1) > 0 AND strpos(query, '.take(') > 0`, name).Scan(&n)
		return err == nil && n == 0
	}, 10*time.Second, 20*time.Millisecond)

	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL), "kill the client inside its transaction")
	_ = cmd.Wait()

	res, err := s.Reserve(ctx, binding.Request{Key: key, Account: "after", Limit: 3, Now: now})
	require.NoError(t, err, "the server released the dead client's lock")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2, Limit: 3}, res, "the killed transaction's three rows were rolled back")
}

// TestProcessKilledDeciding kills a client while it opens and decides cases:
// every decision it reported is stored with its slot moved, and whatever the
// server finished of the last one, case and slot agree.
func TestProcessKilledDeciding(t *testing.T) {
	s := open(t)
	name := strings.Trim(s.Schema(), `"`)
	cmd := helper(t, "decide", name)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	decided := map[string]string{}
	sc := bufio.NewScanner(out)
	for n := 0; sc.Scan(); n++ {
		var id, to string
		if _, err := fmt.Sscanf(sc.Text(), "decided %s %s", &id, &to); err == nil {
			decided[id] = to
		}
		if n == 60 {
			require.NoError(t, cmd.Process.Signal(syscall.SIGKILL), "kill the client mid-loop")
		}
	}
	_ = cmd.Wait()
	require.NotEmpty(t, decided)
	ctx := context.Background()
	require.Eventually(t, func() bool {
		var n int
		err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE pid <> pg_backend_pid() AND state <> 'idle' AND strpos(query, $1) > 0`, name).Scan(&n)
		return err == nil && n == 0
	}, 10*time.Second, 50*time.Millisecond)
	for id, to := range decided {
		c, err := s.Get(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, to, c.State.String(), "case %s: a reported decision survived the kill", id)
	}
	agree(t, s)
}
