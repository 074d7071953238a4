package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/realname-go/realname/authn/binding"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DefaultSchema is the schema the store's tables live in unless
// [Options.Schema] names another.
const DefaultSchema = "realname_binding"

// Options configures [Open] and [New]. The zero value is valid.
type Options struct {
	// Schema is the PostgreSQL schema of the store's tables and functions;
	// "" means [DefaultSchema]. It must be a lower-case SQL identifier.
	Schema string
	// SyncClaims makes [Store.Claim] wait for its commit to be flushed, as
	// every other call does. By default a claim commits asynchronously
	// (synchronous_commit off for its transaction alone): a claim is a
	// lease, and a server crash can forget the claims of its last moments,
	// which returns those cases to the queue, but never a decision, and
	// never a case apart from its slot. See "Claims" in the package
	// documentation.
	SyncClaims bool
}

// Store is a [binding.Store] and a [review.Store] in PostgreSQL, for
// services with several replicas: the cases and the binding slots they hold
// live in one schema and move in the same transactions. It is safe for
// concurrent use. Every binding call is one round trip: the store's
// functions take transaction-scoped advisory locks on the certificate, so the
// limit holds across connections and replicas.
type Store struct {
	pool    *pgxpool.Pool
	ownPool bool
	closed  atomic.Bool
	schema  string // quoted

	take, release, status, releaseAccount, sweep string
	sql                                          caseSQL
	syncClaims                                   bool
}

var _ binding.Store = (*Store)(nil)

// Open connects to the database at dsn (a URL or key=value string, with any
// pgxpool parameters such as pool_max_conns), applies the migrations and
// returns a store that closes its pool on Close.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The error can quote the DSN, password included; do not wrap it.
		return nil, errors.New("binding/postgres: cannot parse the connection string")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("binding/postgres: connect: %w", err)
	}
	s, err := New(ctx, pool, opts)
	if err != nil {
		pool.Close()
		return nil, err
	}
	s.ownPool = true
	return s, nil
}

var identifier = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// New returns a store using pool, after applying the migrations. Close does
// not close pool. Connections must use READ COMMITTED, PostgreSQL's default;
// the store refuses to work under another isolation level.
func New(ctx context.Context, pool *pgxpool.Pool, opts Options) (*Store, error) {
	if pool == nil {
		return nil, errors.New("binding/postgres: nil pool")
	}
	name := opts.Schema
	if name == "" {
		name = DefaultSchema
	}
	if !identifier.MatchString(name) {
		return nil, fmt.Errorf("binding/postgres: schema %q is not a lower-case SQL identifier", name)
	}
	q := pgx.Identifier{name}.Sanitize()
	s := &Store{
		pool:   pool,
		schema: q,
		take: `SELECT out_held, out_state, out_count FROM ` + q +
			`.take($1, $2, $3, $4, $5, $6, $7, $8)`,
		release: `SELECT ` + q + `.release($1, $2, $3, $4, $5)`,
		status: `SELECT count(DISTINCT account), coalesce(max(CASE WHEN account = $1 THEN state END), 0)
			FROM ` + q + `.bindings WHERE cert = ANY ($2) AND (expires_at IS NULL OR expires_at > $3)`,
		releaseAccount: `DELETE FROM ` + q + `.bindings WHERE account = $1`,
		sweep:          `DELETE FROM ` + q + `.bindings WHERE expires_at IS NOT NULL AND expires_at <= $1`,
		sql:            newCaseSQL(q),
		syncClaims:     opts.SyncClaims,
	}
	if err := s.migrate(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// migrateLock is the advisory lock that serialises migrations of every
// schema; the value is arbitrary ("realname" in ASCII).
const migrateLock = 0x7265616c6e616d65

// migrate applies the embedded migrations newer than the schema's recorded
// version in one transaction, under an advisory lock, so replicas starting
// together apply them once.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("binding/postgres: migrations: %w", err)
	}
	sort.Strings(names)
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrateLock)); err != nil {
			return err
		}
		for _, q := range []string{
			`CREATE SCHEMA IF NOT EXISTS ` + s.schema,
			`CREATE TABLE IF NOT EXISTS ` + s.schema + `.schema_migrations (
				version integer PRIMARY KEY,
				applied_at timestamptz NOT NULL DEFAULT now())`,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		var version int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM `+s.schema+`.schema_migrations`).Scan(&version); err != nil {
			return err
		}
		if version > len(names) {
			return fmt.Errorf("schema version %d is newer than this program's %d", version, len(names))
		}
		for i := version; i < len(names); i++ {
			body, err := migrations.ReadFile(names[i])
			if err != nil {
				return err
			}
			sql := strings.ReplaceAll(string(body), "{{schema}}", s.schema)
			if _, err := tx.Exec(ctx, sql); err != nil {
				return fmt.Errorf("%s: %w", names[i], err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO `+s.schema+`.schema_migrations (version) VALUES ($1)`, i+1); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("binding/postgres: migrate: %w", err)
	}
	return nil
}

// Pool returns the connection pool, for inspection.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Schema returns the quoted schema name.
func (s *Store) Schema() string { return s.schema }

func previous(k binding.Key) [][]byte {
	out := make([][]byte, 0, len(k.Previous))
	for _, d := range k.Previous {
		out = append(out, d[:])
	}
	return out
}

// expiry returns the parameter of an expiry: NULL for never.
func expiry(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Reserve implements [binding.Store].
func (s *Store) Reserve(ctx context.Context, r binding.Request) (binding.Result, error) {
	if err := binding.CheckRequest(r); err != nil {
		return binding.Result{}, err
	}
	if err := s.open(); err != nil {
		return binding.Result{}, err
	}
	return s.takeSlot(ctx, s.pool, r, slotPending)
}

// Confirm implements [binding.Store].
func (s *Store) Confirm(ctx context.Context, r binding.Request) (binding.Result, error) {
	r.Expires = time.Time{}
	if err := binding.CheckRequest(r); err != nil {
		return binding.Result{}, err
	}
	if err := s.open(); err != nil {
		return binding.Result{}, err
	}
	return s.takeSlot(ctx, s.pool, r, slotConfirmed)
}

// The states of a slot in the bindings table and the take function.
const (
	slotPending   int16 = 1
	slotConfirmed int16 = 2
)

// querier is the pool, or a connection or transaction of it.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// takeSlot reserves (slotPending) or confirms (slotConfirmed) the slot of
// r, a valid request, through the take function: the one body of Reserve,
// Confirm, the slot of a case opened by [Store.Open] and, through the
// move_slot function, the approval of [Store.Decide]. On q, a transaction,
// the slot moves in that transaction.
func (s *Store) takeSlot(ctx context.Context, q querier, r binding.Request, state int16) (binding.Result, error) {
	var held bool
	var got int16
	var n int32
	err := q.QueryRow(ctx, s.take, r.Key.Current[:], previous(r.Key), r.Key.SecretID, r.Account,
		int32(r.Limit), r.Now, expiry(r.Expires), state).Scan(&held, &got, &n)
	if err != nil {
		return binding.Result{}, fmt.Errorf("binding/postgres: reserve: %w", err)
	}
	return binding.Result{Held: held, State: binding.State(got), Count: int(n), Limit: r.Limit}, nil
}

// Release implements [binding.Store].
func (s *Store) Release(ctx context.Context, key binding.Key, account string, now time.Time) (binding.Result, error) {
	if err := s.checkKeyAccount(key, account, now); err != nil {
		return binding.Result{}, err
	}
	var n int32
	if err := s.pool.QueryRow(ctx, s.release, key.Current[:], previous(key), key.SecretID, account, now).Scan(&n); err != nil {
		return binding.Result{}, fmt.Errorf("binding/postgres: release: %w", err)
	}
	return binding.Result{Count: int(n)}, nil
}

// ReleaseAccount implements [binding.Store]. It counts every row deleted,
// expired pending slots included.
func (s *Store) ReleaseAccount(ctx context.Context, account string) (int, error) {
	if err := s.open(); err != nil {
		return 0, err
	}
	if err := binding.CheckAccount(account); err != nil {
		return 0, err
	}
	tag, err := s.pool.Exec(ctx, s.releaseAccount, account)
	if err != nil {
		return 0, fmt.Errorf("binding/postgres: release account: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// Status implements [binding.Store]. It reads rows under every digest of key
// and changes nothing.
func (s *Store) Status(ctx context.Context, key binding.Key, account string, now time.Time) (binding.Result, error) {
	if err := s.checkKeyAccount(key, account, now); err != nil {
		return binding.Result{}, err
	}
	digests := append([][]byte{key.Current[:]}, previous(key)...)
	var n int64
	var state int16
	if err := s.pool.QueryRow(ctx, s.status, account, digests, now).Scan(&n, &state); err != nil {
		return binding.Result{}, fmt.Errorf("binding/postgres: status: %w", err)
	}
	return binding.Result{Held: state != 0, State: binding.State(state), Count: int(n)}, nil
}

// Sweep implements [binding.Store].
func (s *Store) Sweep(ctx context.Context, now time.Time) (int, error) {
	if err := s.open(); err != nil {
		return 0, err
	}
	tag, err := s.pool.Exec(ctx, s.sweep, now)
	if err != nil {
		return 0, fmt.Errorf("binding/postgres: sweep: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// Close implements [binding.Store]; later calls return [binding.ErrClosed].
// It closes the pool only when [Open] made it.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	if s.ownPool {
		s.pool.Close()
	}
	return nil
}

// open returns [binding.ErrClosed] after Close.
func (s *Store) open() error {
	if s.closed.Load() {
		return binding.ErrClosed
	}
	return nil
}

func (s *Store) checkKeyAccount(key binding.Key, account string, now time.Time) error {
	if err := s.open(); err != nil {
		return err
	}
	if err := binding.CheckKey(key, now); err != nil {
		return err
	}
	return binding.CheckAccount(account)
}
