package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	msqlite "modernc.org/sqlite" // and the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/realname-go/realname/authn/binding"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options configures [Open]. The zero value is valid.
type Options struct {
	// BusyTimeout is how long a call waits for another process's write
	// transaction on the same file; 0 means 10 seconds. A context deadline
	// ends the wait earlier.
	BusyTimeout time.Duration
}

// Store is a [binding.Store] and a [review.Store] in one SQLite file: the
// cases and the binding slots they hold live in the same database and move
// in the same transactions. It is safe for concurrent use and for several
// processes sharing the file.
type Store struct {
	db    *sql.DB
	stmts map[string]*sql.Stmt // prepared at Open, read-only after
}

var _ binding.Store = (*Store)(nil)

// Open opens (creating if needed) the SQLite database at path, switches it to
// WAL and applies the embedded migrations.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" || strings.ContainsRune(path, 0) {
		return nil, errors.New("binding/sqlite: empty or invalid path")
	}
	busy := opts.BusyTimeout
	if busy <= 0 {
		busy = 10 * time.Second
	}
	db, err := sql.Open("sqlite", dsn(path, busy))
	if err != nil {
		return nil, fmt.Errorf("binding/sqlite: open: %w", err)
	}
	// One connection per process: writers queue in Go instead of spinning on
	// SQLite's busy handler, and BEGIN IMMEDIATE orders them across processes.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	s := &Store{db: db}
	if err := s.migrateRetry(ctx, busy); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// dsn returns the modernc.org/sqlite data source name for path: a file: URI
// (so '?', '#' and '%' in the path are escaped) with a busy timeout, WAL,
// full fsync on commit, and BEGIN IMMEDIATE for every transaction.
func dsn(path string, busy time.Duration) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(path)
	return "file:" + esc +
		"?_pragma=busy_timeout(" + strconv.FormatInt(busy.Milliseconds(), 10) + ")" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(FULL)" +
		"&_txlock=immediate"
}

// migrateRetry runs migrate, again while SQLite answers SQLITE_BUSY, for at
// most busy. Processes creating a new file together can get that answer
// without the busy handler waiting, while one of them switches the file to
// WAL and applies the migrations; a later try finds the file switched.
func (s *Store) migrateRetry(ctx context.Context, busy time.Duration) error {
	deadline := time.Now().Add(busy)
	wait := 5 * time.Millisecond
	for {
		err := s.migrate(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// isBusy reports whether err is SQLite's SQLITE_BUSY, extended codes
// included.
func isBusy(err error) bool {
	var se *msqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// migrate applies the embedded migrations newer than PRAGMA user_version, in
// one write transaction, so processes opening a new file together apply them
// once.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("binding/sqlite: migrations: %w", err)
	}
	sort.Strings(names)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("binding/sqlite: migrate: begin: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("binding/sqlite: migrate: version: %w", err)
	}
	if version > len(names) {
		return fmt.Errorf("binding/sqlite: database schema version %d is newer than this program's %d", version, len(names))
	}
	for i := version; i < len(names); i++ {
		body, err := migrations.ReadFile(names[i])
		if err != nil {
			return fmt.Errorf("binding/sqlite: migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("binding/sqlite: migration %s: %w", names[i], err)
		}
	}
	if version < len(names) {
		if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(len(names))); err != nil {
			return fmt.Errorf("binding/sqlite: migrate: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("binding/sqlite: migrate: commit: %w", err)
	}
	return nil
}

const (
	statePending   = 1
	stateConfirmed = 2
)

func ms(t time.Time) int64 { return t.UnixMilli() }

// expiry returns the column value of an expiry: NULL for never.
func expiry(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// Reserve implements [binding.Store].
func (s *Store) Reserve(ctx context.Context, r binding.Request) (binding.Result, error) {
	if err := binding.CheckRequest(r); err != nil {
		return binding.Result{}, err
	}
	return s.take(ctx, r, statePending)
}

// Confirm implements [binding.Store].
func (s *Store) Confirm(ctx context.Context, r binding.Request) (binding.Result, error) {
	r.Expires = time.Time{}
	if err := binding.CheckRequest(r); err != nil {
		return binding.Result{}, err
	}
	return s.take(ctx, r, stateConfirmed)
}

func (s *Store) take(ctx context.Context, r binding.Request, want int) (res binding.Result, err error) {
	err = s.write(ctx, "reserve", func(tx runner) error {
		res, err = takeTx(ctx, tx, r, want)
		return err
	})
	return res, err
}

// takeTx reserves (want statePending) or confirms (want stateConfirmed) the
// account's slot inside tx: the one body of Reserve, Confirm, the slot of
// [Store.Open] and the approval of [Store.Decide]. r must be valid.
func takeTx(ctx context.Context, tx runner, r binding.Request, want int) (res binding.Result, err error) {
	if err := relabel(ctx, tx, r.Key); err != nil {
		return res, err
	}
	cert, now := r.Key.Current[:], ms(r.Now)
	// One query reads the live count, the account's live state and
	// whether expired rows need deleting.
	var live, expired, state int
	if err := tx.QueryRowContext(ctx, sqlTakeCount, cert, now, r.Account).Scan(&live, &expired, &state); err != nil {
		return res, err
	}
	if expired > 0 {
		if _, err := tx.ExecContext(ctx, sqlDeleteExpired, cert, now); err != nil {
			return res, err
		}
	}
	res = binding.Result{Limit: r.Limit, Count: live}
	switch {
	case state == statePending && want == stateConfirmed:
		state = stateConfirmed
		_, err = tx.ExecContext(ctx, sqlConfirmSlot, cert, r.Account)
	case state == statePending:
		_, err = tx.ExecContext(ctx, sqlExtendSlot, expiry(r.Expires), cert, r.Account)
	case state == stateConfirmed:
	case live >= r.Limit:
		return res, nil
	default:
		state = want
		res.Count++
		_, err = tx.ExecContext(ctx, sqlInsertSlot, cert, r.Account, want, expiry(r.Expires), r.Key.SecretID, now)
	}
	if err != nil {
		return res, err
	}
	res.Held, res.State = true, binding.State(state)
	return res, nil
}

// Release implements [binding.Store].
func (s *Store) Release(ctx context.Context, key binding.Key, account string, now time.Time) (res binding.Result, err error) {
	if err := checkKeyAccount(key, account, now); err != nil {
		return binding.Result{}, err
	}
	err = s.write(ctx, "release", func(tx runner) error {
		if err := relabel(ctx, tx, key); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, sqlReleaseSlot, key.Current[:], account); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, sqlCountLive, key.Current[:], ms(now)).Scan(&res.Count)
	})
	return res, err
}

// ReleaseAccount implements [binding.Store]. It counts every row deleted,
// expired pending slots included.
func (s *Store) ReleaseAccount(ctx context.Context, account string) (int, error) {
	if err := binding.CheckAccount(account); err != nil {
		return 0, err
	}
	return s.delete(ctx, "release account", `DELETE FROM bindings WHERE account = ?`, account)
}

// Sweep implements [binding.Store].
func (s *Store) Sweep(ctx context.Context, now time.Time) (int, error) {
	return s.delete(ctx, "sweep", `DELETE FROM bindings WHERE expires_at IS NOT NULL AND expires_at <= ?`, ms(now))
}

func (s *Store) delete(ctx context.Context, op, query string, arg any) (int, error) {
	res, err := s.db.ExecContext(ctx, query, arg)
	if err != nil {
		return 0, fmt.Errorf("binding/sqlite: %s: %w", op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("binding/sqlite: %s: %w", op, err)
	}
	return int(n), nil
}

// Status implements [binding.Store]. It reads rows under every digest of key
// and changes nothing.
func (s *Store) Status(ctx context.Context, key binding.Key, account string, now time.Time) (binding.Result, error) {
	if err := checkKeyAccount(key, account, now); err != nil {
		return binding.Result{}, err
	}
	digests := key.Digests()
	args := make([]any, 0, len(digests)+2)
	args = append(args, account)
	for _, d := range digests {
		args = append(args, d[:])
	}
	args = append(args, ms(now))
	q := `SELECT count(DISTINCT account), coalesce(max(CASE WHEN account = ? THEN state END), 0)
		FROM bindings WHERE cert IN (?` + strings.Repeat(", ?", len(digests)-1) + `)
		AND (expires_at IS NULL OR expires_at > ?)`
	var n, state int
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n, &state); err != nil {
		return binding.Result{}, fmt.Errorf("binding/sqlite: status: %w", err)
	}
	return binding.Result{Held: state != 0, State: binding.State(state), Count: n}, nil
}

// DB returns the underlying database, for inspection and backups. Writing
// to the bindings or cases tables directly bypasses the store's guarantees.
func (s *Store) DB() *sql.DB { return s.db }

// Close implements [binding.Store] and [review.Store].
func (s *Store) Close() error {
	for _, st := range s.stmts {
		st.Close()
	}
	return s.db.Close()
}

// write runs fn in a BEGIN IMMEDIATE transaction and commits it.
func (s *Store) write(ctx context.Context, op string, fn func(tx runner) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("binding/sqlite: %s: %w", op, err)
	}
	if err := fn(s.in(tx)); err != nil {
		tx.Rollback()
		return fmt.Errorf("binding/sqlite: %s: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("binding/sqlite: %s: %w", op, err)
	}
	return nil
}

// relabel moves the certificate's rows found under previous digests to the
// current one; when an account has rows under both, a confirmed row wins over
// a pending one. The cases of the certificate follow their slots.
func relabel(ctx context.Context, tx runner, key binding.Key) error {
	cur := key.Current[:]
	for _, d := range key.Previous {
		if d == key.Current {
			continue
		}
		prev := d[:]
		for _, st := range []struct {
			query string
			args  []any
		}{
			{sqlRelabelConfirmed, []any{cur, prev}},
			{sqlRelabelSlots, []any{cur, key.SecretID, prev}},
			{sqlRelabelDelete, []any{prev}},
			{sqlRelabelCases, []any{cur, key.SecretID, prev}},
		} {
			if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkKeyAccount(key binding.Key, account string, now time.Time) error {
	if err := binding.CheckKey(key, now); err != nil {
		return err
	}
	return binding.CheckAccount(account)
}
