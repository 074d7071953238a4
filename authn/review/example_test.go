package review_test

import (
	"fmt"
	"time"

	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/rules"
)

func Example() {
	shanghai := time.FixedZone("CST", 8*3600)
	now := time.Date(2025, 9, 26, 10, 0, 0, 0, shanghai)
	ids := 0
	w := review.New(review.Options{
		Now:      func() time.Time { return now },
		Calendar: workday.ChinaMainland(),
		Location: shanghai,
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
