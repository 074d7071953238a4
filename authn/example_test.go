package authn_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/precaution"
)

// exampleNow is Tuesday 10 March 2026, 10:00 in Shanghai.
func exampleNow() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }

func exampleApp(seed uint64) *authn.Application {
	app, _ := authntest.Application(authntest.Options{Seed: seed})
	return app
}

func Example() {
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("a secret of at least 16 bytes")))
	binder, _ := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: certificate.Clock{Now: exampleNow}})
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithBinder(binder))
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := v.Verify(context.Background(), exampleApp(1))
	if err != nil {
		fmt.Println("try again later:", err)
		return
	}
	fmt.Println(rep.Verdict, rep.Review.State, rep.Review.Due.Date, rep.Binding.State)

	// Days later, in another process: the decision names the case by ID.
	c, _ := v.Approve(context.Background(), rep.Review.ID, "reviewer-7", "face and card visible", review.Checklist()...)
	slot, _ := v.Slot(context.Background(), c)
	fmt.Println(c.State, slot.State)
	// Output:
	// accept submitted 2026-03-13 pending
	// approved confirmed
}

func ExampleWithClock() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: func() time.Time { return time.Date(2041, 1, 1, 0, 0, 0, 0, time.UTC) }}))
	rep, _ := v.Verify(context.Background(), exampleApp(1))
	fmt.Println(rep.Codes())
	// Output: [certificate.expired]
}

func ExampleWithBinder() {
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("a secret of at least 16 bytes")))
	binder, _ := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: certificate.Clock{Now: exampleNow}})
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithBinder(binder))
	for _, acct := range []string{"a", "b", "c", "d"} {
		app := exampleApp(2) // one certificate, four accounts
		app.Account.ID = acct
		rep, _ := v.Verify(context.Background(), app)
		fmt.Println(acct, rep.Verdict, rep.Codes())
	}
	// Output:
	// a accept []
	// b accept []
	// c accept []
	// d reject [binding.limit_reached]
}

func ExampleWithPolicy() {
	p := authn.DefaultPolicy()
	p.AutoApprove = true                                                   // no person looks at accepted applications
	p.Validity.MinRemainingDays = 30                                       // the certificate must stay valid a month
	p.Skip = []string{authn.CheckCertificateFile, authn.CheckHandheldFile} // files judged elsewhere
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithPolicy(p))
	rep, _ := v.Verify(context.Background(), exampleApp(3))
	fmt.Println(rep.Verdict, rep.Review.State, len(rep.Checks))
	// Output: accept approved 12
}

func ExampleWithClock_zone() {
	// 16:30 UTC on 1 May 2040 is already 2 May in Shanghai: the card, valid
	// until 2040-05-01, has expired there but not yet in UTC.
	late := func() time.Time { return time.Date(2040, 5, 1, 16, 30, 0, 0, time.UTC) }
	cst, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: late}))
	utc, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: late, Location: time.UTC}))
	a, _ := cst.Verify(context.Background(), exampleApp(4))
	b, _ := utc.Verify(context.Background(), exampleApp(4))
	fmt.Println("Shanghai:", a.Codes(), "UTC:", b.Codes())
	// Output: Shanghai: [certificate.expired] UTC: []
}

func ExampleWithLanguage() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithLanguage(language.TraditionalChinese))
	app := exampleApp(5)
	app.Account.PartnerProgram = true
	rep, _ := v.Verify(context.Background(), app)
	fmt.Println(rep.Violations[0].Code)
	fmt.Println(rep.Violations[0].Message != "")
	// Output:
	// account.partner_program
	// true
}

func ExampleWithCalendar() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithCalendar(workday.Weekends()))
	rep, _ := v.Verify(context.Background(), exampleApp(6))
	fmt.Println(rep.Review.Due.Date)
	// Output: 2026-03-13
}

func ExampleWithTimeout() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithTimeout(time.Nanosecond))
	_, err := v.Verify(context.Background(), exampleApp(7))
	fmt.Println(err != nil)
	// Output: true
}

func ExampleWithLogger() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "case" {
				return slog.Attr{}
			}
			return a
		},
	}))
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithLogger(logger))
	app := exampleApp(8)
	app.Claim.Name = "李四"
	_, _ = v.Verify(context.Background(), app)
	// Output: level=INFO msg="authn: verified" account=account-8 verdict=reject codes=[claim.name_mismatch] number=1101**********7374 state=rejected
}

func ExampleWithMessages() {
	// A check of the company's own, with its own code and messages.
	adult := rules.Func[precaution.Application](func(_ context.Context, a precaution.Application) ([]rules.Violation, error) {
		if a.Document.Birth.AgeOn(certificate.DateOf(exampleNow())) < 18 {
			return []rules.Violation{rules.Violate("company.minor", rules.Reject, false).At("document.birth")}, nil
		}
		return nil, nil
	})
	p := authn.DefaultPolicy()
	p.Extra = []authn.Check{{Name: "company.adult", Rule: adult}}
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithPolicy(p), authn.WithLanguage(language.SimplifiedChinese),
		authn.WithMessages(rules.Translated("company.minor", rules.Reject, "You must be 18 or older.", "须年满18岁。", "須年滿18歲。")))
	app := exampleApp(10)
	app.Document.Birth = certificate.Date{Year: 2010, Month: 1, Day: 1}
	rep, _ := v.Verify(context.Background(), app)
	for _, f := range rep.Violations {
		if f.Code == "company.minor" {
			fmt.Println(f.Message)
		}
	}
	// Output: 须年满18岁。
}

func ExampleWithIDs() {
	n := 0
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithIDs(func() string { n++; return fmt.Sprintf("case-%04d", n) }))
	rep, _ := v.Verify(context.Background(), exampleApp(9))
	fmt.Println(rep.Review.ID)
	// Output: case-0001
}

// The defaults of every precaution; copy the value and change fields.
func ExampleDefaultPolicy() {
	p := authn.DefaultPolicy()
	fmt.Println(p.AccountLimit, p.WorkingDays, p.AutoApprove, p.Evidence.PixelChecks)
	p.AccountLimit = 1
	fmt.Println(authn.DefaultPolicy().AccountLimit, "is unchanged")
	// Output:
	// 3 3 false true
	// 3 is unchanged
}

// A reviewer's rejection frees the pending slot, so another account may use
// the certificate; the applicant may retry with a new attempt linked to the
// rejected one.
func ExampleVerifier_Reject() {
	ctx := context.Background()
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("a secret of at least 16 bytes")))
	binder, _ := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: certificate.Clock{Now: exampleNow}})
	p := authn.DefaultPolicy()
	p.AccountLimit = 1
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithBinder(binder), authn.WithPolicy(p))

	rep, _ := v.Verify(ctx, exampleApp(5))
	fmt.Println(rep.Review.State, rep.Binding.Count)
	c, err := v.Reject(ctx, rep.Review.ID, "reviewer-7", review.Reason(review.CodeHeadwear, "files.handheld"))
	slot, _ := v.Slot(ctx, c)
	fmt.Println(err, c.State, slot.Count)

	again, _ := v.Retry(ctx, rep.Review.ID, exampleApp(5))
	fmt.Println(again.Review.State, again.Review.Attempt, again.Review.Previous == rep.Review.ID, again.Binding.Count)
	// Output:
	// submitted 1
	// <nil> rejected 0
	// submitted 2 true 1
}

// Withdrawal frees the slot too. The same decision again is answered with
// the case as it is; a different one on a closed case is refused.
func ExampleVerifier_Withdraw() {
	ctx := context.Background()
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("a secret of at least 16 bytes")))
	binder, _ := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: certificate.Clock{Now: exampleNow}})
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithBinder(binder))
	rep, _ := v.Verify(ctx, exampleApp(6))
	c, err := v.Withdraw(ctx, rep.Review.ID, rep.Account)
	slot, _ := v.Slot(ctx, c)
	fmt.Println(err, c.State, slot.Count)
	c, err = v.Withdraw(ctx, rep.Review.ID, rep.Account)
	fmt.Println(err, c.State)
	_, err = v.Approve(ctx, rep.Review.ID, "reviewer-7", "")
	fmt.Println(err)
	// Output:
	// <nil> withdrawn 0
	// <nil> withdrawn
	// review: cannot move from withdrawn to approved
}

// Every check appears by name in the report, like an audit record.
func ExampleReport_Check() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}))
	rep, _ := v.Verify(context.Background(), exampleApp(1))
	for _, name := range []string{authn.CheckNumber, authn.CheckHandheldFile, authn.CheckLimit} {
		c, ok := rep.Check(name)
		fmt.Printf("%s %v %s %q\n", name, ok, c.Outcome, c.Note)
	}
	// Output:
	// certificate.number true pass ""
	// evidence.handheld true pass ""
	// binding.limit true skip "no binding store configured"
}

// Localize renders a report's messages again in another language.
func ExampleVerifier_Localize() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: func() time.Time { return time.Date(2041, 1, 1, 0, 0, 0, 0, time.UTC) }}))
	rep, _ := v.Verify(context.Background(), exampleApp(1))
	fmt.Println(rep.Codes(), rep.Language)
	v.Localize(rep, language.SimplifiedChinese)
	fmt.Println(rep.Language, rep.Violations[0].Message != "", rep.Violations[0].Message != string(rep.Violations[0].Code))
	// Output:
	// [certificate.expired] en
	// zh-Hans true true
}

// A report of the verifier's own inspector (as the form handler makes while
// streaming) is taken; one made anywhere else is refused unless the
// verifier is built with WithForeignInspections.
func ExampleWithForeignInspections() {
	made := &evidence.Report{Format: evidence.PNG, Width: 2000, Height: 1500, Size: 1 << 20}
	app := exampleApp(1)
	app.Certificate = authn.Evidence{Name: "card.png", Inspected: made}

	strict, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}))
	_, err := strict.Verify(context.Background(), app)
	fmt.Println(errors.Is(err, authn.ErrUntrustedReport))

	trusting, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}), authn.WithForeignInspections())
	rep, err := trusting.Verify(context.Background(), app)
	fmt.Println(err, rep.Verdict)
	// Output:
	// true
	// <nil> accept
}

// The photo of the applicant holding the certificate cannot be the
// certificate image again.
func ExampleVerifier_Verify_sameImageTwice() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: exampleNow}))
	app := exampleApp(1)
	card := authntest.CertificatePNG(1)
	app.Certificate = authn.Evidence{Name: "card.png", Reader: bytes.NewReader(card)}
	app.Handheld = authn.Evidence{Name: "me.png", Reader: bytes.NewReader(card)}
	rep, _ := v.Verify(context.Background(), app)
	fmt.Println(rep.Verdict, rep.Codes())
	// Output: reject [file.same_as_certificate]
}
