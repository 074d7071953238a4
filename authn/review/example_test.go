package review_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

func Example() {
	shanghai := time.FixedZone("CST", 8*3600)
	now := time.Date(2025, 9, 26, 10, 0, 0, 0, shanghai)
	ids := 0
	w := review.New(review.Options{
		Clock:    certificate.Clock{Now: func() time.Time { return now }, Location: shanghai},
		Calendar: workday.ChinaMainland(),
		NewID:    func() string { ids++; return fmt.Sprint("attempt-", ids) },
	})

	c, _ := w.Submit("account-42")
	fmt.Println(c.State, "due", c.Due.Date)

	_ = w.StartReview(c, "reviewer")
	_ = w.Reject(c, "reviewer", rules.Violation{Code: "file.blurry", Field: "files.certificate", Retryable: true})
	fmt.Println(c.State, c.Reasons[0].Code)

	err := w.Approve(c, "reviewer", "")
	fmt.Println(err)

	next, _ := w.Retry(c)
	fmt.Println(next.ID, "retries", next.Previous)
	// Output:
	// submitted due 2025-09-30
	// rejected file.blurry
	// review: cannot move from rejected to approved
	// attempt-2 retries attempt-1
}

// A withdrawn case is final; a second withdrawal is an illegal transition
// that errors.Is matches with [review.ErrIllegalTransition].
func ExampleWorkflow_Withdraw() {
	w := review.New(review.Options{
		Clock: certificate.Clock{Now: func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) }},
		NewID: func() string { return "case-1" },
	})
	c, _ := w.Submit("account-7")
	fmt.Println(w.Withdraw(c, "account-7"), c.State, c.State.Final())
	err := w.Withdraw(c, "account-7")
	var te *review.TransitionError
	fmt.Println(errors.Is(err, review.ErrIllegalTransition), errors.As(err, &te) && te.From == review.Withdrawn)
	fmt.Println(len(c.History), "events")
	// Output:
	// <nil> withdrawn true
	// true true
	// 2 events
}

// A case still pending on its due time is overdue. Weekends is the default
// calendar: Friday plus three working days is the next Wednesday.
func ExampleWorkflow_Overdue() {
	now := time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC) // a Friday
	w := review.New(review.Options{Clock: certificate.Clock{Now: func() time.Time { return now }}, NewID: func() string { return "case-2" }})
	c, _ := w.Submit("account-8")
	fmt.Println(c.Due.Date, w.Overdue(c))
	now = c.Due.At
	fmt.Println(w.Overdue(c))
	_ = w.Approve(c, "reviewer", "documents match")
	fmt.Println(w.Overdue(c))
	// Output:
	// 2026-03-11 false
	// true
	// false
}

// States marshal as their names, and Pending tells open cases from final ones.
func ExampleState_MarshalText() {
	for _, s := range []review.State{review.Submitted, review.UnderReview, review.Approved, review.Rejected, review.Withdrawn} {
		b, _ := s.MarshalText()
		fmt.Println(string(b), s.Pending(), s.Final())
	}
	var s review.State
	fmt.Println(s.UnmarshalText([]byte("under_review")), s)
	// Output:
	// submitted true false
	// under_review true false
	// approved false true
	// rejected false true
	// withdrawn false true
	// <nil> under_review
}
