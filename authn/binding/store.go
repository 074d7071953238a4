package binding

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// State is the state of one account's slot on a certificate.
type State uint8

const (
	// None: the account holds no slot.
	None State = iota
	// Pending: a submitted application holds the slot until it is decided
	// or, when the reservation carries an expiry, until it expires.
	Pending
	// Confirmed: an approved application holds the slot until it is released.
	Confirmed
)

var stateNames = [...]string{None: "none", Pending: "pending", Confirmed: "confirmed"}

// String returns "none", "pending" or "confirmed", and "State(n)" for a
// value that is none of them.
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// MarshalText implements [encoding.TextMarshaler]: "none", "pending" or
// "confirmed"; any other value is an error.
func (s State) MarshalText() ([]byte, error) {
	if int(s) >= len(stateNames) {
		return nil, fmt.Errorf("binding: invalid state %d", uint8(s))
	}
	return []byte(stateNames[s]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it reads what
// MarshalText writes and refuses anything else.
func (s *State) UnmarshalText(b []byte) error {
	for v, name := range stateNames {
		if name == string(b) {
			*s = State(v)
			return nil
		}
	}
	return fmt.Errorf("binding: unknown state %q", clipText(b, 32))
}

// clipText returns at most n bytes of b, for error messages about bad input.
func clipText(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// Request asks a [Store] to reserve or confirm a slot.
type Request struct {
	Key     Key
	Account string
	// Limit is how many accounts may hold a slot on the certificate.
	Limit int
	// Now is the time the request is evaluated at: slots whose expiry is not
	// after Now are free. Stores use it rather than their own clock.
	Now time.Time
	// Expires, when not zero, is when a pending slot frees itself. Reserve
	// sets it on a new or still pending slot (zero clears it); Confirm
	// ignores it.
	Expires time.Time
}

// Result is what a store call left behind.
type Result struct {
	// Held reports whether the account holds a slot after the call.
	Held bool `json:"held"`
	// State is the account's state after the call.
	State State `json:"state"`
	// Count is how many accounts hold a slot on the certificate after the call.
	Count int `json:"count"`
	// Limit is the limit of the request (0 for calls without one).
	Limit int `json:"limit"`
}

// Store keeps certificate bindings: which accounts hold a slot on which
// certificate, keyed by [Key]. Implementations must be safe for concurrent use
// and, for shared stores, across processes: every method is one atomic step,
// so however many callers race on one certificate, at most Limit accounts
// hold it, and a crash at any point loses no committed binding.
// The conformance suite bindingtest.Run checks these contracts.
type Store interface {
	// Reserve takes a pending slot for the account unless Limit other
	// accounts hold one. An account that already holds a slot keeps it
	// (idempotent): a pending slot gets the request's expiry, a confirmed
	// slot stays confirmed. Held is false when the limit refused the account.
	Reserve(ctx context.Context, r Request) (Result, error)
	// Confirm makes the account's slot confirmed and clears its expiry. An
	// account without a slot (for example one whose pending slot expired)
	// takes one if the limit allows, as in Reserve.
	Confirm(ctx context.Context, r Request) (Result, error)
	// Release frees the account's slot on the certificate, pending or
	// confirmed. Releasing a slot that is not held is not an error.
	Release(ctx context.Context, key Key, account string, now time.Time) (Result, error)
	// ReleaseAccount frees every slot the account holds, for an account
	// that closes, and returns how many it freed.
	ReleaseAccount(ctx context.Context, account string) (int, error)
	// Status returns the account's state on the certificate and how many
	// accounts hold a slot, without changing anything. Limit in the result
	// is zero.
	Status(ctx context.Context, key Key, account string, now time.Time) (Result, error)
	// Sweep deletes pending slots that expired at or before now and returns
	// how many it deleted. Expired slots never count, so Sweep only reclaims
	// space.
	Sweep(ctx context.Context, now time.Time) (int, error)
	// Close releases the store's resources.
	Close() error
}

// MaxAccountLen bounds account identifiers, in bytes.
const MaxAccountLen = 256

// ErrRequest reports a malformed call: an empty or overlong account, a
// limit below one, a key without a secret identifier, a zero time, or an
// expiry that is not after the request's time.
var ErrRequest = errors.New("binding: invalid request")

// CheckRequest returns an error matching [ErrRequest] when r is malformed.
// Stores call it before touching their state.
func CheckRequest(r Request) error {
	if r.Limit < 1 {
		return fmt.Errorf("%w: limit %d is below 1", ErrRequest, r.Limit)
	}
	if err := CheckKey(r.Key, r.Now); err != nil {
		return err
	}
	if !r.Expires.IsZero() && !r.Expires.After(r.Now) {
		return fmt.Errorf("%w: expiry not after now", ErrRequest)
	}
	return CheckAccount(r.Account)
}

// CheckKey returns an error matching [ErrRequest] when key has no secret
// identifier or now is zero.
func CheckKey(key Key, now time.Time) error {
	if !validSecretID(key.SecretID) {
		return fmt.Errorf("%w: key without a valid secret identifier", ErrRequest)
	}
	if now.IsZero() {
		return fmt.Errorf("%w: zero time", ErrRequest)
	}
	return nil
}

// CheckAccount returns an error matching [ErrRequest] when account is empty
// or longer than [MaxAccountLen].
func CheckAccount(account string) error {
	if account == "" || len(account) > MaxAccountLen {
		return fmt.Errorf("%w: account identifier is empty or longer than %d bytes", ErrRequest, MaxAccountLen)
	}
	return nil
}
