package binding

import (
	"context"
	"errors"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// BinderOptions configures a [Binder]. The zero value is valid: pending slots
// never expire and the clock is time.Now.
type BinderOptions struct {
	// PendingTTL, when positive, is how long a reserved slot stays pending
	// before it frees itself, so abandoned applications give their slot back.
	PendingTTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Binder binds accounts to certificate numbers: it derives each number's key
// with a [Keyring] and calls a [Store]. It implements [rules.SlotReserver], so
// [rules.AccountLimit] can use it. A Binder is safe for concurrent use.
type Binder struct {
	store Store
	keys  *Keyring
	ttl   time.Duration
	now   func() time.Time
}

// NewBinder returns a Binder over store, hashing with keys.
func NewBinder(store Store, keys *Keyring, opts BinderOptions) (*Binder, error) {
	if store == nil || keys == nil {
		return nil, errors.New("binding: NewBinder needs a store and a keyring")
	}
	if opts.PendingTTL < 0 {
		return nil, errors.New("binding: negative PendingTTL")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Binder{store: store, keys: keys, ttl: opts.PendingTTL, now: opts.Now}, nil
}

func (b *Binder) request(n certificate.Number, account string, limit int) (Request, error) {
	key, err := b.keys.Key(n)
	if err != nil {
		return Request{}, err
	}
	r := Request{Key: key, Account: account, Limit: limit, Now: b.now()}
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
	return b.store.Release(ctx, key, account, b.now())
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
	return b.store.Status(ctx, key, account, b.now())
}

// ReserveSlot implements [rules.SlotReserver] with [Binder.Reserve].
func (b *Binder) ReserveSlot(ctx context.Context, n certificate.Number, account string, limit int) (rules.Slot, error) {
	res, err := b.Reserve(ctx, n, account, limit)
	if err != nil {
		return rules.Slot{}, err
	}
	return rules.Slot{Held: res.Held, Count: res.Count, Limit: res.Limit}, nil
}
