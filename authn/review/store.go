package review

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// CertificateRef is how a stored case knows its certificate: the digest the
// binding store keys the certificate's slots by, the identifier of the
// secret that made it, and the masked number to show people. It never holds
// the number.
type CertificateRef struct {
	// Digest is the HMAC-SHA-256 of the certificate's counting key (a
	// binding.Digest), under the secret SecretID.
	Digest Digest `json:"digest"`
	// SecretID names the secret of the binding keyring that made Digest.
	SecretID string `json:"secret_id"`
	// Masked is the masked number, for example 1101**********002X.
	Masked string `json:"masked"`
	// Kind is the kind of certificate.
	Kind certificate.Kind `json:"kind"`
	// Region is the region of the number's scheme ("CN", "US-CA").
	Region string `json:"region,omitempty"`
}

// Digest is a 32-byte keyed hash; it marshals as 64 hex digits.
type Digest [32]byte

// IsZero reports whether d is all zeros.
func (d Digest) IsZero() bool { return d == Digest{} }

// String returns the hex form.
func (d Digest) String() string { return hex.EncodeToString(d[:]) }

// MarshalText implements [encoding.TextMarshaler] as 64 hex digits.
func (d Digest) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] for 64 hex digits.
func (d *Digest) UnmarshalText(b []byte) error {
	if len(b) != 2*len(d) {
		return fmt.Errorf("review: a digest is %d hex digits", 2*len(d))
	}
	_, err := hex.Decode(d[:], b)
	return err
}

// SlotRequest asks [Store.Open] to reserve the binding slot of a pending
// case in the same transaction as the case is stored.
type SlotRequest struct {
	// Limit is how many accounts may hold a slot on the certificate.
	Limit int
	// Expires, when not zero, is when the pending slot frees itself. With a
	// case store, leave it zero and let [Store.Expire] close abandoned
	// cases, which releases their slots with them. The store keeps it with
	// the case: once it has passed, the slot lapsed (see [ErrSlotLost]).
	Expires time.Time
}

// SlotResult is what the store left of the account's slot: whether it holds
// one, whether that slot is confirmed, and how many accounts hold a slot on
// the certificate.
type SlotResult struct {
	Held      bool `json:"held"`
	Confirmed bool `json:"confirmed"`
	Count     int  `json:"count"`
	Limit     int  `json:"limit,omitempty"`
}

// Decision is a move of a stored case, made by case ID from any process.
type Decision struct {
	// ID is the case.
	ID string
	// To is the state to move to: UnderReview, Approved, Rejected or
	// Withdrawn.
	To State
	// Actor is who decides (a reviewer, the applicant, "system").
	Actor string
	// Note is free text kept in the history.
	Note string
	// Reasons are the violations of a rejection (at least one).
	Reasons []rules.Violation
	// Checklist records what a reviewer ticked, kept in the history.
	Checklist []string
	// At is when the decision is made, and when the store evaluates the
	// lease and the slot. It must not be zero.
	At time.Time
	// Limit is the account limit for confirming the slot on approval.
	Limit int
}

// SlotMove is what a decision does to the case's binding slot.
type SlotMove uint8

// The slot moves.
const (
	// SlotKeep leaves the slot as it is (a move to UnderReview, or a
	// case without a certificate).
	SlotKeep SlotMove = iota
	// SlotConfirm confirms the pending slot (approval).
	SlotConfirm
	// SlotRelease frees the slot (rejection, withdrawal, expiry).
	SlotRelease
)

// Errors of a [Store].
var (
	// ErrNotFound: no case has the ID, or no case matches.
	ErrNotFound = errors.New("review: no such case")
	// ErrOpenCase is matched by an [*OpenCaseError]: the account already
	// has a pending case.
	ErrOpenCase = errors.New("review: the account already has a pending case")
	// ErrSlotMissing: the decision must move the case's binding slot, but
	// the store holds no slot of the account on the certificate although
	// the slot did not lapse: it was released behind the case's back
	// (through binding.Store.Release or ReleaseAccount). Nothing changes:
	// a decision, approval, rejection or withdrawal, never succeeds silently
	// without its slot. Reserve the slot again, or let [Store.Expire] close
	// the case.
	ErrSlotMissing = errors.New("review: the case's binding slot is missing")
	// ErrSlotLost: the pending slot lapsed (its [SlotRequest.Expires]
	// passed, whether or not binding.Store.Sweep has deleted it yet), and
	// approval, which takes it again as binding.Store.Confirm does within
	// [Decision.Limit], found the certificate taken by as many other
	// accounts as the limit allows. Nothing changes; reject the case
	// instead: a rejection or withdrawal of a lapsed slot frees nothing and
	// succeeds.
	ErrSlotLost = errors.New("review: the binding slot is no longer available")
	// ErrLeaseHeld: another reviewer holds the case.
	ErrLeaseHeld = errors.New("review: another reviewer holds the case")
	// ErrStillPending: [Store.MarkPurged] on a case still awaiting a
	// decision, whose files must be kept.
	ErrStillPending = errors.New("review: the case is still pending")
	// ErrInvalidNote: a note without an action or a time, or a reveal
	// without an actor or a reason ([AddNote]).
	ErrInvalidNote = errors.New("review: invalid note")
)

// OpenCaseError reports the pending case that keeps an account from opening
// another.
type OpenCaseError struct{ Case *Case }

func (e *OpenCaseError) Error() string {
	return "review: the account already has pending case " + e.Case.ID
}

// Unwrap returns [ErrOpenCase].
func (e *OpenCaseError) Unwrap() error { return ErrOpenCase }

// Query selects cases for [Store.List]. The zero Query lists every pending
// case (Submitted or UnderReview) by deadline.
type Query struct {
	// States filters by state; empty means the pending states, or the
	// final states (Approved, Rejected, Withdrawn) when DecidedBefore is
	// set.
	States []State
	// OverdueAt, when not zero, keeps only cases still pending whose
	// deadline is not after it.
	OverdueAt time.Time
	// Account, Kind and Region filter when set.
	Account string
	Kind    certificate.Kind
	Region  string
	// DecidedBefore, when not zero, keeps only final cases decided at or
	// before it ([Case.DecidedAt]): the cases whose retention ran out.
	DecidedBefore time.Time
	// Unpurged keeps only cases whose files were not purged
	// ([Case.FilesPurgedAt] zero).
	Unpurged bool
	// After is the keyset cursor: cases strictly after it in (Due.At, ID)
	// order. Pass the Cursor of the last case of the previous page.
	After Cursor
	// Limit bounds the page; 0 means 50, and at most 1000 are returned.
	Limit int
}

// The page sizes of [Query.Page].
const (
	DefaultPage = 50
	MaxPage     = 1000
)

// Page returns the page size q asks for: Limit, [DefaultPage] when Limit is
// zero or negative, at most [MaxPage]. Stores call it, so every store pages
// alike.
func (q Query) Page() int {
	if q.Limit <= 0 {
		return DefaultPage
	}
	return min(q.Limit, MaxPage)
}

// Selected returns the states q selects: States, or when empty the pending
// states (Submitted and UnderReview), or the final ones (Approved, Rejected,
// Withdrawn) when DecidedBefore is set. A state that does not exist is an
// error. Stores call it, so every store reads a Query alike.
func (q Query) Selected() ([]State, error) {
	if len(q.States) == 0 {
		if !q.DecidedBefore.IsZero() {
			return []State{Approved, Rejected, Withdrawn}, nil
		}
		return []State{Submitted, UnderReview}, nil
	}
	for _, s := range q.States {
		if _, err := s.MarshalText(); err != nil {
			return nil, err
		}
	}
	return q.States, nil
}

// Cursor is a position in the (deadline, ID) order of cases.
type Cursor struct {
	Due time.Time
	ID  string
}

// CursorOf returns the position of c, for [Query.After].
func CursorOf(c *Case) Cursor { return Cursor{Due: c.Due.At, ID: c.ID} }

// IsZero reports whether the cursor is the start.
func (c Cursor) IsZero() bool { return c.ID == "" && c.Due.IsZero() }

// Stats are figures a service can alert on.
type Stats struct {
	// Pending is how many cases wait for a decision; Overdue how many of
	// them are past their deadline.
	Pending int `json:"pending"`
	Overdue int `json:"overdue"`
	// Decided counts the cases decided (approved or rejected through
	// [Store.Decide], not stored final by [Store.Open]) at or after the
	// window's start, and DecidedInTime those decided before their deadline
	// (at the deadline a case is overdue, as [Query.OverdueAt] counts).
	Decided       int `json:"decided"`
	DecidedInTime int `json:"decided_in_time"`
}

// InTimeShare returns DecidedInTime/Decided, or 1 when nothing was decided.
func (s Stats) InTimeShare() float64 {
	if s.Decided == 0 {
		return 1
	}
	return float64(s.DecidedInTime) / float64(s.Decided)
}

// Store keeps review cases beside the binding slots, in the same database:
// the stores of package authn/binding (memory, sqlite, postgres) implement
// both binding.Store and Store. Every method is one transaction, atomic
// across goroutines, processes and database pools; a crash at any point
// leaves either the whole change or none of it. The conformance suite
// reviewtest.Run checks these contracts.
//
// A case and its slot live and die together: [Store.Open] stores a pending
// case and reserves its slot in one transaction; [Store.Decide] and
// [Store.Expire] move the case and confirm or release the slot in one
// transaction. No slot outlives its case and no case outlives its slot.
// When a store relabels binding rows under a newer secret, it relabels the
// cases' [CertificateRef] with them.
type Store interface {
	// Open stores the new case c. A pending case (Submitted) with a
	// certificate reserves the account's slot on it (slot must not be nil)
	// in the same transaction: when the limit refuses the account, nothing
	// is stored and the result's Held is false. A pending case needs the
	// account to have no other pending case: otherwise nothing changes and
	// the error is an [*OpenCaseError] holding that case. A case stored
	// final (rejected at once) takes no slot. The slot is reserved at
	// c.SubmittedAt. An ID already stored is an error and nothing changes.
	// Open never changes c.
	Open(ctx context.Context, c *Case, slot *SlotRequest) (SlotResult, error)
	// Get returns the case with the ID, or [ErrNotFound].
	Get(ctx context.Context, id string) (*Case, error)
	// Pending returns the account's pending case, or [ErrNotFound].
	Pending(ctx context.Context, account string) (*Case, error)
	// Decide applies d to its case with [Apply] and moves the case's slot
	// as the move requires ([SlotConfirm] on approval, [SlotRelease] on
	// rejection or withdrawal), in one transaction, and returns the case
	// after it. The same decision again returns the case unchanged. An
	// illegal move is a [*TransitionError], a missing case [ErrNotFound], a
	// missing slot [ErrSlotMissing], a lost slot [ErrSlotLost], and a case
	// another reviewer holds under a live lease [ErrLeaseHeld]; then nothing
	// changes.
	Decide(ctx context.Context, d Decision) (*Case, error)
	// Claim gives reviewer the pending case with the earliest deadline (then
	// the smallest ID) that nobody holds or whose holder's lease ended at or
	// before now, moves it to UnderReview when Submitted, and holds it for
	// reviewer until now+lease. Two reviewers never hold the same case. A
	// reviewer who already holds a live case gets that case again. It
	// returns [ErrNotFound] when no case is free.
	Claim(ctx context.Context, reviewer string, now time.Time, lease time.Duration) (*Case, error)
	// List returns the cases q selects, in (deadline, ID) order.
	List(ctx context.Context, q Query) ([]*Case, error)
	// Stats returns the pending and overdue cases at now and the cases
	// decided since the window's start.
	Stats(ctx context.Context, now, since time.Time) (Stats, error)
	// Expire withdraws, as actor "system" with note "expired" at now, every
	// pending case submitted before before, held or not, releasing its slot
	// in the same transaction (a missing slot is no error here), and returns
	// how many it closed.
	Expire(ctx context.Context, before, now time.Time) (int, error)
	// Note appends the note ev to the case's history without changing its
	// state, claim or anything else, in one transaction, and returns the
	// case after it. It sets ev.From and ev.To to the case's state; ev
	// needs an Action and a time ([AddNote] says what else, and refuses a
	// reveal while another reviewer holds the case: [ErrLeaseHeld]). A note
	// is allowed in any state. A missing case is [ErrNotFound]; on error
	// nothing changes. Every call appends: a note is not idempotent.
	Note(ctx context.Context, id string, ev Event) (*Case, error)
	// MarkPurged records that the case's evidence files were deleted at at:
	// it sets [Case.FilesPurgedAt] and appends an [ActionFilesPurged] note,
	// in one transaction ([Purge]). A pending case is [ErrStillPending] and
	// a missing one [ErrNotFound]; nothing changes then. A case already
	// purged is returned unchanged.
	MarkPurged(ctx context.Context, id string, at time.Time) (*Case, error)
	// Close releases the store's resources.
	Close() error
}

// Apply applies d to c in place, as [Store.Decide] must inside its
// transaction, and returns what it does to the binding slot. It returns
// (SlotKeep, false, nil) when c already shows the decision (the same state,
// reached by the same actor, notes aside): the decision is idempotent and nothing
// changes. An illegal move returns a [*TransitionError], a rejection
// without reasons [ErrNoReason], and c is left unchanged.
func Apply(c *Case, d Decision) (move SlotMove, changed bool, err error) {
	if c == nil {
		return SlotKeep, false, errors.New("review: nil case")
	}
	if c.State == d.To {
		if ev, ok := LastMove(c); ok && ev.Actor == d.Actor {
			return SlotKeep, false, nil
		}
	}
	if !allowed(c.State, d.To) {
		return SlotKeep, false, &TransitionError{From: c.State, To: d.To}
	}
	if d.To == Rejected && len(d.Reasons) == 0 {
		return SlotKeep, false, ErrNoReason
	}
	ev := Event{From: c.State, To: d.To, At: d.At, Actor: d.Actor, Note: d.Note, Checklist: slices.Clone(d.Checklist)}
	if len(d.Reasons) > 0 {
		ev.Reasons = slices.Clone(d.Reasons)
		c.Reasons = slices.Clone(d.Reasons)
	}
	c.State = d.To
	c.History = append(c.History, ev)
	if d.To.Final() {
		c.ClaimedBy, c.ClaimedUntil = "", time.Time{}
		c.DecidedAt = d.At
	}
	if c.Certificate == nil {
		return SlotKeep, true, nil
	}
	switch d.To {
	case Approved:
		return SlotConfirm, true, nil
	case Rejected, Withdrawn:
		return SlotRelease, true, nil
	}
	return SlotKeep, true, nil
}

// AddNote appends the note ev to c in place, as [Store.Note] must inside its
// transaction: ev.From and ev.To become c's state and nothing else of c
// changes. ev needs an Action and a time; an [ActionReveal] needs an actor
// and a reason in ev.Note, and is [ErrLeaseHeld] while a reviewer other than
// ev.Actor holds the pending case under a lease running at ev.At (a reveal
// on a case nobody holds, or after its decision, is recorded). Errors match
// [ErrInvalidNote] or [ErrLeaseHeld], and c is left unchanged.
func AddNote(c *Case, ev Event) error {
	switch {
	case c == nil:
		return errors.New("review: nil case")
	case ev.Action == "":
		return fmt.Errorf("%w: no action", ErrInvalidNote)
	case ev.At.IsZero():
		return fmt.Errorf("%w: no time", ErrInvalidNote)
	}
	if ev.Action == ActionReveal {
		switch {
		case ev.Actor == "":
			return fmt.Errorf("%w: a reveal needs an actor", ErrInvalidNote)
		case ev.Note == "":
			return fmt.Errorf("%w: a reveal needs a reason", ErrInvalidNote)
		case c.State.Pending() && c.ClaimedBy != "" && c.ClaimedBy != ev.Actor && c.ClaimedUntil.After(ev.At):
			return ErrLeaseHeld
		}
	}
	ev.From, ev.To = c.State, c.State
	ev.Reasons = slices.Clone(ev.Reasons)
	ev.Checklist = slices.Clone(ev.Checklist)
	c.History = append(c.History, ev)
	return nil
}

// PurgeActor is the actor of the [ActionFilesPurged] note.
const PurgeActor = "system"

// Purge records in place, as [Store.MarkPurged] must inside its
// transaction, that c's files were deleted at at: it sets FilesPurgedAt and
// appends an [ActionFilesPurged] note by [PurgeActor]. It returns false and
// leaves c unchanged when c was purged already, and [ErrStillPending] for a
// pending case.
func Purge(c *Case, at time.Time) (changed bool, err error) {
	switch {
	case c == nil:
		return false, errors.New("review: nil case")
	case at.IsZero():
		return false, errors.New("review: purge without a time")
	case c.State.Pending():
		return false, ErrStillPending
	case !c.FilesPurgedAt.IsZero():
		return false, nil
	}
	c.FilesPurgedAt = at
	c.History = append(c.History, Event{From: c.State, To: c.State, At: at, Actor: PurgeActor, Action: ActionFilesPurged})
	return true, nil
}

// LastMove returns the latest event of c's history that is a move, not a
// note, and false when there is none.
func LastMove(c *Case) (Event, bool) {
	for i := len(c.History) - 1; i >= 0; i-- {
		if !c.History[i].IsNote() {
			return c.History[i], true
		}
	}
	return Event{}, false
}

// DecidedTime returns when c reached its final state: DecidedAt, or for a
// final case stored without it the time of its last move (SubmittedAt when
// the history has none), and the zero time for a pending case. Stores keep
// it for a case [Store.Open] stores final.
func DecidedTime(c *Case) time.Time {
	switch {
	case !c.State.Final():
		return time.Time{}
	case !c.DecidedAt.IsZero():
		return c.DecidedAt
	}
	if ev, ok := LastMove(c); ok && !ev.At.IsZero() {
		return ev.At
	}
	return c.SubmittedAt
}
