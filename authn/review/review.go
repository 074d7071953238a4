package review

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// State is where a case stands.
type State uint8

// The states of a case.
const (
	Submitted State = iota + 1
	UnderReview
	Approved
	Rejected
	Withdrawn
)

var stateNames = [...]string{
	Submitted:   "submitted",
	UnderReview: "under_review",
	Approved:    "approved",
	Rejected:    "rejected",
	Withdrawn:   "withdrawn",
}

// String returns the stable name: "submitted", "under_review", "approved",
// "rejected" or "withdrawn".
func (s State) String() string {
	if s >= Submitted && s <= Withdrawn {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// MarshalText implements [encoding.TextMarshaler].
func (s State) MarshalText() ([]byte, error) {
	if s < Submitted || s > Withdrawn {
		return nil, fmt.Errorf("review: invalid state %d", uint8(s))
	}
	return []byte(stateNames[s]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *State) UnmarshalText(b []byte) error {
	for v := Submitted; v <= Withdrawn; v++ {
		if stateNames[v] == string(b) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("review: unknown state %q", string(b))
}

// Final reports whether no move leaves s.
func (s State) Final() bool { return s == Approved || s == Rejected || s == Withdrawn }

// Pending reports whether a decision is still awaited: the binding slot of a
// pending case stays reserved.
func (s State) Pending() bool { return s == Submitted || s == UnderReview }

// allowed lists the legal moves.
func allowed(from, to State) bool {
	switch from {
	case Submitted:
		return to == UnderReview || to == Approved || to == Rejected || to == Withdrawn
	case UnderReview:
		return to == Approved || to == Rejected || to == Withdrawn
	}
	return false
}

// ErrIllegalTransition is matched by a [*TransitionError].
var ErrIllegalTransition = errors.New("review: illegal transition")

// ErrNoReason is returned when a rejection carries no reason.
var ErrNoReason = errors.New("review: a rejection needs at least one reason")

// TransitionError reports a move the workflow does not allow.
type TransitionError struct {
	From, To State
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("review: cannot move from %s to %s", e.From, e.To)
}

// Unwrap returns [ErrIllegalTransition].
func (e *TransitionError) Unwrap() error { return ErrIllegalTransition }

// Event is one entry of a case's history: a move between states, or a note
// ([Store.Note]) that changes no state.
type Event struct {
	From    State             `json:"from,omitempty"`
	To      State             `json:"to"`
	At      time.Time         `json:"at"`
	Actor   string            `json:"actor,omitempty"`
	Reasons []rules.Violation `json:"reasons,omitempty"`
	Note    string            `json:"note,omitempty"`
	// Checklist lists what a reviewer ticked before deciding.
	Checklist []string `json:"checklist,omitempty"`
	// Action is empty for a move. A note has an Action (one of the Action
	// constants, or the caller's own) and From == To == the case's state
	// when it was recorded.
	Action string `json:"action,omitempty"`
}

// The actions of notes, kept in [Event.Action].
const (
	// ActionReveal: a reviewer deliberately revealed the certificate
	// number; the event's Note says why.
	ActionReveal = "reveal_number"
	// ActionFilesStored: the case's evidence files were stored for review.
	ActionFilesStored = "files_stored"
	// ActionFilesPurged: the case's evidence files were deleted
	// ([Store.MarkPurged]).
	ActionFilesPurged = "files_purged"
)

// IsNote reports whether e is a note rather than a move.
func (e Event) IsNote() bool { return e.Action != "" }

// Case is one attempt at authentication. Change it only through a
// [Workflow]; a Case is not safe for concurrent mutation.
type Case struct {
	// ID identifies this attempt.
	ID string `json:"id"`
	// Account is the account that applies.
	Account string `json:"account"`
	// Attempt counts attempts by the account, from 1.
	Attempt int `json:"attempt"`
	// Previous is the ID of the rejected attempt this one retries.
	Previous string `json:"previous,omitempty"`
	// State is the current state.
	State State `json:"state"`
	// SubmittedAt is when the attempt was submitted.
	SubmittedAt time.Time `json:"submitted_at"`
	// Due is when a reviewer must have answered.
	Due workday.Due `json:"due"`
	// Reasons are the violations of the rejection, when rejected.
	Reasons []rules.Violation `json:"reasons,omitempty"`
	// History lists every move, oldest first, starting with the submission.
	History []Event `json:"history"`

	// Kind and Region are the certificate kind the applicant picked and the
	// region of the number's scheme.
	Kind   certificate.Kind `json:"kind,omitempty"`
	Region string           `json:"region,omitempty"`
	// Certificate is the certificate as the binding store knows it: its
	// keyed hash and masked number, never the number. Nil when the number
	// did not parse.
	Certificate *CertificateRef `json:"certificate,omitempty"`
	// Verdict and Findings are what the machine checks found.
	Verdict  rules.Verdict     `json:"verdict"`
	Findings []rules.Violation `json:"findings,omitempty"`
	// ClaimedBy is the reviewer who holds the case until ClaimedUntil
	// ([Store.Claim]); empty when nobody does.
	ClaimedBy    string    `json:"claimed_by,omitempty"`
	ClaimedUntil time.Time `json:"claimed_until,omitzero"`
	// DecidedAt is when the case reached a final state (Approved, Rejected
	// or Withdrawn); zero while it is pending.
	DecidedAt time.Time `json:"decided_at,omitzero"`
	// FilesPurgedAt is when the case's evidence files were deleted
	// ([Store.MarkPurged]); zero while they may still exist.
	FilesPurgedAt time.Time `json:"files_purged_at,omitzero"`
}

// Options configure a [Workflow]. The zero value is valid: the wall clock,
// weekends-only working days in UTC, and a deadline of 3 working days.
type Options struct {
	// Clock tells the time of every event, and its zone decides the
	// submission day; the zero value is the system clock in China Standard
	// Time, as everywhere in this module.
	Clock certificate.Clock
	// Calendar counts working days (default workday.Weekends()).
	Calendar workday.Calendar
	// WorkingDays is the review period (default 3).
	WorkingDays int
	// NewID returns a new attempt ID (default 16 random bytes in hex).
	NewID func() string
}

// Workflow moves cases between states. It is immutable and safe for
// concurrent use on different cases.
type Workflow struct {
	opt Options
}

// New returns a workflow with o's settings, defaults filled in.
func New(o Options) Workflow {
	if o.Calendar == nil {
		o.Calendar = workday.Weekends()
	}
	if o.WorkingDays <= 0 {
		o.WorkingDays = 3
	}
	if o.NewID == nil {
		o.NewID = randomID
	}
	return Workflow{opt: o}
}

func randomID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// At returns a copy of w whose clock stands still at t: the per-call
// override of the clock, for a decision recorded at a given time.
func (w Workflow) At(t time.Time) Workflow {
	w.opt.Clock.Now = func() time.Time { return t }
	return w
}

// Submit opens a case for the account subject, due the configured number of working days
// from now. A calendar error (for example a year not yet published) is
// returned and no case is opened.
func (w Workflow) Submit(subject string) (*Case, error) {
	return w.open(subject, 1, "")
}

func (w Workflow) open(subject string, attempt int, previous string) (*Case, error) {
	now := w.opt.Clock.Time()
	due, err := workday.Deadline(w.opt.Calendar, now, w.opt.Clock.Zone(), w.opt.WorkingDays)
	if err != nil {
		return nil, fmt.Errorf("review: deadline: %w", err)
	}
	c := &Case{
		ID:          w.opt.NewID(),
		Account:     subject,
		Attempt:     attempt,
		Previous:    previous,
		State:       Submitted,
		SubmittedAt: now,
		Due:         due,
	}
	c.History = append(c.History, Event{To: Submitted, At: now, Actor: subject})
	return c, nil
}

func (w Workflow) move(c *Case, to State, actor string, reasons []rules.Violation, note string) error {
	if c == nil {
		return errors.New("review: nil case")
	}
	if !allowed(c.State, to) {
		return &TransitionError{From: c.State, To: to}
	}
	ev := Event{From: c.State, To: to, At: w.opt.Clock.Time(), Actor: actor, Note: note}
	if len(reasons) > 0 {
		ev.Reasons = append([]rules.Violation(nil), reasons...)
		c.Reasons = append([]rules.Violation(nil), reasons...)
	}
	if to.Final() {
		c.DecidedAt = ev.At
	}
	c.State = to
	c.History = append(c.History, ev)
	return nil
}

// StartReview moves a submitted case to UnderReview.
func (w Workflow) StartReview(c *Case, reviewer string) error {
	return w.move(c, UnderReview, reviewer, nil, "")
}

// Approve approves a submitted or reviewed case.
func (w Workflow) Approve(c *Case, reviewer, note string) error {
	return w.move(c, Approved, reviewer, nil, note)
}

// Reject rejects a submitted or reviewed case with at least one reason.
func (w Workflow) Reject(c *Case, reviewer string, reasons ...rules.Violation) error {
	if len(reasons) == 0 {
		return ErrNoReason
	}
	return w.move(c, Rejected, reviewer, reasons, "")
}

// Withdraw closes a pending case at the applicant's request.
func (w Workflow) Withdraw(c *Case, actor string) error {
	return w.move(c, Withdrawn, actor, nil, "")
}

// Retry opens a new attempt for the account of a rejected case, linked to it
// through [Case.Previous]. Only rejected cases may be retried.
func (w Workflow) Retry(c *Case) (*Case, error) {
	if c == nil {
		return nil, errors.New("review: nil case")
	}
	if c.State != Rejected {
		return nil, &TransitionError{From: c.State, To: Submitted}
	}
	return w.open(c.Account, c.Attempt+1, c.ID)
}

// Overdue reports whether the case is still pending after its deadline.
func (w Workflow) Overdue(c *Case) bool {
	return c != nil && c.State.Pending() && !w.opt.Clock.Time().Before(c.Due.At)
}
