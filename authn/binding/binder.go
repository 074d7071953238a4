package binding

import (
	"context"
	"errors"
	"time"

	"github.com/realname-go/realname/certificate"
)

// BinderOptions configures a [Binder]. The zero value is valid: pending slots
// never expire and the clock is the system clock.
type BinderOptions struct {
	// PendingTTL, when positive, is how long a slot reserved through
	// [Binder.Reserve] stays pending before it frees itself. Slots the
	// verifier reserves with a review case live as long as the case instead
	// (close abandoned cases with authn's Verifier.Expire), so PendingTTL
	// does not apply to them.
	PendingTTL time.Duration
	// Clock tells the time of reservations and expiries; the zero value is
	// the system clock. Give it the verifier's clock.
	Clock certificate.Clock
}

// Binder binds accounts to certificate numbers: it derives each number's key
// with a [Keyring] and calls a [Store]. It implements [SlotReserver], so
// [AccountLimit] can use it. A Binder is safe for concurrent use.
type Binder struct {
	store Store
	keys  *Keyring
	ttl   time.Duration
	clock certificate.Clock
}

// NewBinder returns a Binder over store, hashing with keys.
func NewBinder(store Store, keys *Keyring, opts BinderOptions) (*Binder, error) {
	if store == nil || keys == nil {
		return nil, errors.New("binding: NewBinder needs a store and a keyring")
	}
	if opts.PendingTTL < 0 {
		return nil, errors.New("binding: negative PendingTTL")
	}
	return &Binder{store: store, keys: keys, ttl: opts.PendingTTL, clock: opts.Clock}, nil
}

// Store returns the store the binder writes to. The verifier keeps its
// review cases there too when the store is also a review.Store.
func (b *Binder) Store() Store { return b.store }

// Key returns the key that identifies n in the store under the binder's
// keyring; see [Keyring.Key].
func (b *Binder) Key(n certificate.Number) (Key, error) { return b.keys.Key(n) }

// Now returns the binder's clock reading.
func (b *Binder) Now() time.Time { return b.clock.Time() }

func (b *Binder) request(n certificate.Number, account string, limit int) (Request, error) {
	key, err := b.keys.Key(n)
	if err != nil {
		return Request{}, err
	}
	r := Request{Key: key, Account: account, Limit: limit, Now: b.clock.Time()}
	if b.ttl > 0 {
		r.Expires = r.Now.Add(b.ttl)
	}
	return r, nil
}

// Reserve takes a pending slot on n for account, allowing at most limit
// accounts; see [Store.Reserve].
func (b *Binder) Reserve(ctx context.Context, n certificate.Number, account string, limit int) (Result, error) {
	r, err := b.request(n, account, limit)
	if err != nil {
		return Result{}, err
	}
	return b.store.Reserve(ctx, r)
}

// Confirm confirms account's slot on n, taking one if the limit allows; see
// [Store.Confirm].
func (b *Binder) Confirm(ctx context.Context, n certificate.Number, account string, limit int) (Result, error) {
	r, err := b.request(n, account, limit)
	if err != nil {
		return Result{}, err
	}
	return b.store.Confirm(ctx, r)
}

// Release frees account's slot on n, after a rejection, a withdrawal or an
// unbinding.
func (b *Binder) Release(ctx context.Context, n certificate.Number, account string) (Result, error) {
	key, err := b.keys.Key(n)
	if err != nil {
		return Result{}, err
	}
	return b.store.Release(ctx, key, account, b.clock.Time())
}

// ReleaseAccount frees every slot of an account that closes.
func (b *Binder) ReleaseAccount(ctx context.Context, account string) (int, error) {
	return b.store.ReleaseAccount(ctx, account)
}

// Status reports account's state on n and how many accounts hold n.
func (b *Binder) Status(ctx context.Context, n certificate.Number, account string) (Result, error) {
	key, err := b.keys.Key(n)
	if err != nil {
		return Result{}, err
	}
	return b.store.Status(ctx, key, account, b.clock.Time())
}

// ReserveSlot implements [SlotReserver] with [Binder.Reserve].
func (b *Binder) ReserveSlot(ctx context.Context, n certificate.Number, account string, limit int) (Slot, error) {
	res, err := b.Reserve(ctx, n, account, limit)
	if err != nil {
		return Slot{}, err
	}
	return Slot{Held: res.Held, Count: res.Count, Limit: res.Limit}, nil
}
