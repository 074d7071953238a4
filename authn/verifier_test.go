package authn_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// now is a Tuesday in 2026, 10:00 in Shanghai.
var now = time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

func newBinder(t testing.TB, store binding.Store) *binding.Binder {
	t.Helper()
	keys, err := binding.NewKeyring(binding.Secret{ID: "test", Bytes: []byte("0123456789abcdef0123456789abcdef")})
	require.NoError(t, err)
	b, err := binding.NewBinder(store, keys, binding.BinderOptions{Clock: certificate.Clock{Now: clock}})
	require.NoError(t, err)
	return b
}

func newVerifier(t testing.TB, opts ...authn.Option) *authn.Verifier {
	t.Helper()
	v, err := authn.NewVerifier(append([]authn.Option{authn.WithClock(certificate.Clock{Now: clock})}, opts...)...)
	require.NoError(t, err)
	return v
}

func application(t testing.TB, seed uint64) *authn.Application {
	t.Helper()
	app, err := authntest.Application(authntest.Options{Seed: seed})
	require.NoError(t, err)
	return app
}

func TestVerifyAcceptedWaitsForReview(t *testing.T) {
	store := binding.NewMemory()
	v := newVerifier(t, authn.WithBinder(newBinder(t, store)))
	app := application(t, 1)
	rep, err := v.Verify(context.Background(), app)
	require.NoError(t, err)

	assert.Equal(t, rules.Accept, rep.Verdict, "violations: %v", rep.Codes())
	assert.Empty(t, rep.Violations)
	for _, name := range []string{authn.CheckAccount, authn.CheckKind, authn.CheckTypedName, authn.CheckRegion, authn.CheckNumber,
		authn.CheckValidity, authn.CheckMRZ, authn.CheckNameMatch, authn.CheckNumberMatch, authn.CheckCertificateFile, authn.CheckHandheldFile, authn.CheckLimit} {
		c, ok := rep.Check(name)
		require.True(t, ok, "check %s is reported", name)
		assert.Equal(t, authn.Pass, c.Outcome, "check %s", name)
	}
	require.NotNil(t, rep.Review)
	assert.Equal(t, review.Submitted, rep.Review.State, "without AutoApprove a person still looks")
	assert.Equal(t, "2026-03-13", rep.Review.Due.Date.String(), "3 working days after Tuesday")
	require.NotNil(t, rep.Binding)
	assert.Equal(t, binding.Pending, rep.Binding.State, "submission reserves the slot")
	assert.Equal(t, 1, rep.Binding.Count)
	assert.Len(t, rep.Files, 2)

	_, err = v.StartReview(context.Background(), rep.Review.ID, "reviewer")
	require.NoError(t, err)
	c, err := v.Approve(context.Background(), rep.Review.ID, "reviewer", "looks right")
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
	slot, err := v.Slot(context.Background(), c)
	require.NoError(t, err)
	assert.Equal(t, binding.Confirmed, slot.State, "approval confirms the slot")
}

func TestVerifyRejections(t *testing.T) {
	tests := []struct {
		reason string
		change func(a *authn.Application)
		check  string
		code   string
	}{
		{"partner-program accounts cannot authenticate (precaution 8)", func(a *authn.Application) { a.Account.PartnerProgram = true }, authn.CheckAccount, "account.partner_program"},
		{"issuing region must equal the account region (precaution 1)", func(a *authn.Application) { a.Account.RegistrationRegion = language.MustParseRegion("HK") }, authn.CheckRegion, "certificate.region_mismatch"},
		{"a wrong check digit (precaution 2)", func(a *authn.Application) { a.Claim.Number = flipLast(a.Claim.Number) }, authn.CheckNumber, "number.invalid_checksum"},
		{"an expired certificate (precaution 2)", func(a *authn.Application) {
			a.Document.Validity = certificate.Validity{Issued: date("2005-01-01"), Expires: date("2025-01-01")}
			a.Document.Birth = date("1970-01-01")
		}, authn.CheckValidity, "certificate.expired"},
		{"a typed name that differs from the certificate (precaution 4)", func(a *authn.Application) { a.Claim.Name = "李四" }, authn.CheckNameMatch, "claim.name_mismatch"},
		{"a missing handheld photo", func(a *authn.Application) { a.Handheld = authn.Evidence{} }, authn.CheckHandheldFile, "application.file_missing"},
		{"a PDF as handheld photo (precaution 5)", func(a *authn.Application) {
			a.Handheld = authn.Evidence{Name: "x.pdf", Reader: strings.NewReader("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")}
		}, authn.CheckHandheldFile, "file.not_image"},
		{"a text file named .png (precaution 6)", func(a *authn.Application) {
			a.Certificate = authn.Evidence{Name: "card.png", Reader: strings.NewReader("hello, this is not an image")}
		}, authn.CheckCertificateFile, "file.format_unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			store := binding.NewMemory()
			v := newVerifier(t, authn.WithBinder(newBinder(t, store)))
			app := application(t, 2)
			tc.change(app)
			rep, err := v.Verify(context.Background(), app)
			require.NoError(t, err)
			assert.Equal(t, rules.Rejected, rep.Verdict)
			c, ok := rep.Check(tc.check)
			require.True(t, ok)
			assert.Equal(t, authn.Fail, c.Outcome)
			assert.Contains(t, c.Codes, rules.Code(tc.code))
			assert.Contains(t, rep.Codes(), rules.Code(tc.code))
			assert.Equal(t, review.Rejected, rep.Review.State, "a rejection closes the case; the applicant may retry")
			assert.NotEmpty(t, rep.Review.Reasons)
			limit, _ := rep.Check(authn.CheckLimit)
			assert.Equal(t, authn.Skip, limit.Outcome, "no slot is taken for a rejected application")
			for _, f := range rep.Violations {
				assert.NotEmpty(t, f.Message, "the rules catalog's own test checks that every code has a message")
			}
		})
	}
}

func flipLast(n string) string {
	last := n[len(n)-1]
	switch last {
	case '0':
		last = '1'
	default:
		last = '0'
	}
	return n[:len(n)-1] + string(last)
}

func date(s string) certificate.Date {
	d, err := certificate.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestAccountLimit(t *testing.T) {
	store := binding.NewMemory()
	v := newVerifier(t, authn.WithBinder(newBinder(t, store)))
	var reports []*authn.Report
	for i, acct := range []string{"a1", "a2", "a3", "a4"} {
		app := application(t, 7)
		app.Account.ID = acct
		rep, err := v.Verify(context.Background(), app)
		require.NoError(t, err)
		if i < 3 {
			assert.Equal(t, rules.Accept, rep.Verdict, "account %d of 3 is accepted", i+1)
		} else {
			assert.Equal(t, rules.Rejected, rep.Verdict, "a fourth account is refused (precaution 7)")
			assert.Contains(t, rep.Codes(), binding.CodeLimitReached)
		}
		reports = append(reports, rep)
	}
	// The same account again gets its pending case back: no second slot,
	// no second case.
	again := application(t, 7)
	again.Account.ID = "a1"
	_, err := v.Verify(context.Background(), again)
	var open *review.OpenCaseError
	require.ErrorAs(t, err, &open)
	assert.Equal(t, reports[0].Review.ID, open.Case.ID)
	assert.NotErrorIs(t, err, authn.ErrInfrastructure)
	slot, err := v.Slot(context.Background(), open.Case)
	require.NoError(t, err)
	assert.Equal(t, 3, slot.Count)

	// A reviewer rejects a2: its slot is released and a4 can retry.
	c, err := v.Reject(context.Background(), reports[1].Review.ID, "reviewer", review.Reason(review.CodeHeadwear, "handheld"))
	require.NoError(t, err)
	assert.Equal(t, review.Rejected, c.State)
	retry := application(t, 7)
	retry.Account.ID = "a4"
	rep, err := v.Retry(context.Background(), reports[3].Review.ID, retry)
	require.NoError(t, err)
	assert.Equal(t, rules.Accept, rep.Verdict, "a released slot can be taken")
	assert.Equal(t, reports[3].Review.ID, rep.Review.Previous, "the retry links to the rejected attempt")
	assert.Equal(t, 2, rep.Review.Attempt)

	// Withdrawal releases too; approval after withdrawal is illegal.
	_, err = v.Withdraw(context.Background(), reports[2].Review.ID, "a3")
	require.NoError(t, err)
	_, err = v.Approve(context.Background(), reports[2].Review.ID, "reviewer", "")
	require.ErrorIs(t, err, review.ErrIllegalTransition)
	st, err := newBinder(t, store).Status(context.Background(), reports[2].Number, "a3")
	require.NoError(t, err)
	assert.Equal(t, binding.None, st.State)
}

func TestAutoApprove(t *testing.T) {
	p := authn.DefaultPolicy()
	p.AutoApprove = true
	v := newVerifier(t, authn.WithPolicy(p), authn.WithBinder(newBinder(t, binding.NewMemory())))
	rep, err := v.Verify(context.Background(), application(t, 3))
	require.NoError(t, err)
	assert.Equal(t, review.Approved, rep.Review.State)
	assert.Equal(t, binding.Confirmed, rep.Binding.State)
}

// TestNothingReadIsReviewed verifies applications whose Document is zero:
// nothing read the certificate, so the checks of the document are skipped
// with a note, the name and number matches keep their review violations,
// and the application is never accepted, nor approved automatically.
func TestNothingReadIsReviewed(t *testing.T) {
	auto := authn.DefaultPolicy()
	auto.AutoApprove = true
	autoNoMatch := auto
	autoNoMatch.Skip = []string{authn.CheckNameMatch, authn.CheckNumberMatch}
	tests := []struct {
		reason  string
		policy  authn.Policy
		verdict rules.Verdict
		codes   []rules.Code
	}{
		{"default policy", authn.DefaultPolicy(), rules.NeedsReview, []rules.Code{precaution.CodeNameUnverified, precaution.CodeNumberUnverified}},
		{"automatic approval", auto, rules.NeedsReview, []rules.Code{precaution.CodeNameUnverified, precaution.CodeNumberUnverified}},
		{"automatic approval with the matches left out", autoNoMatch, rules.Accept, nil},
	}
	for i, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			v := newVerifier(t, authn.WithPolicy(tc.policy), authn.WithBinder(newBinder(t, binding.NewMemory())))
			app := application(t, uint64(50+i))
			app.Claim.Name = "李四" // the card says 张三, but nothing read it
			app.Document = precaution.Document{}
			rep, err := v.Verify(context.Background(), app)
			require.NoError(t, err)
			assert.Equal(t, tc.verdict, rep.Verdict)
			assert.ElementsMatch(t, tc.codes, rep.Codes())
			skipped := []string{authn.CheckValidity, authn.CheckMRZ, authn.CheckConsistency}
			if tc.codes != nil {
				skipped = append(skipped, authn.CheckNameMatch, authn.CheckNumberMatch)
			}
			for _, name := range skipped {
				c, ok := rep.Check(name)
				require.True(t, ok, name)
				assert.Equal(t, authn.Skip, c.Outcome, name)
				assert.Equal(t, "nothing read the certificate", c.Note, name)
			}
			if tc.codes != nil {
				c, _ := rep.Check(authn.CheckNameMatch)
				assert.Equal(t, []rules.Code{precaution.CodeNameUnverified}, c.Codes, "the skipped match keeps its review violation")
				assert.Equal(t, rules.NeedsReview, c.Verdict)
				c, _ = rep.Check(authn.CheckNumberMatch)
				assert.Equal(t, []rules.Code{precaution.CodeNumberUnverified}, c.Codes)
			}
			for _, name := range []string{authn.CheckAccount, authn.CheckNumber, authn.CheckCertificateFile, authn.CheckHandheldFile, authn.CheckLimit} {
				c, _ := rep.Check(name)
				assert.Equal(t, authn.Pass, c.Outcome, "%s judges no document and runs", name)
			}
			assert.Equal(t, review.Submitted, rep.Review.State, "a person compares the certificate with what was typed")
			require.NotNil(t, rep.Binding)
			assert.Equal(t, binding.Pending, rep.Binding.State, "the slot is not confirmed")
		})
	}
}

func TestPolicyChanges(t *testing.T) {
	p := authn.DefaultPolicy()
	p.Skip = []string{authn.CheckNameMatch}
	p.Extra = []authn.Check{{Name: "company.blocklist", Rule: rules.Func[precaution.Application](func(_ context.Context, a precaution.Application) ([]rules.Violation, error) {
		if a.Account.ID == "blocked" {
			return []rules.Violation{rules.Violate("company.blocked", rules.Reject, false).At("account")}, nil
		}
		return nil, nil
	})}}
	v := newVerifier(t, authn.WithPolicy(p), authn.WithMessages(rules.Translated("company.blocked", rules.Reject, "Blocked.", "已封禁。", "已封禁。")))
	app := application(t, 4)
	app.Claim.Name = "李四"
	app.Account.ID = "blocked"
	rep, err := v.Verify(context.Background(), app)
	require.NoError(t, err)
	_, ok := rep.Check(authn.CheckNameMatch)
	assert.False(t, ok, "a skipped check is left out")
	assert.Equal(t, []rules.Code{"company.blocked"}, rep.Codes())
	assert.Equal(t, "Blocked.", rep.Violations[0].Message)
	limit, _ := rep.Check(authn.CheckLimit)
	assert.Equal(t, authn.Skip, limit.Outcome, "no binding store: the limit is skipped, and says so")
	assert.NotEmpty(t, limit.Note)
}

func TestConfigErrors(t *testing.T) {
	p := authn.DefaultPolicy()
	p.Extra = []authn.Check{{Name: "x"}}
	_, err := authn.NewVerifier(authn.WithPolicy(p))
	var ce *rules.ConfigError
	require.ErrorAs(t, err, &ce, "an extra check without a rule")

	p = authn.DefaultPolicy()
	p.Evidence.MaxBytes = -1
	_, err = authn.NewVerifier(authn.WithPolicy(p))
	require.ErrorAs(t, err, &ce, "a negative file limit")

	_, err = authn.NewVerifier(authn.WithTimeout(-time.Second))
	require.ErrorAs(t, err, &ce)
}

// failingStore is a binding and case store whose database is down.
type failingStore struct{ *binding.Memory }

var errDown = errors.New("database down")

func (failingStore) Open(context.Context, *review.Case, *review.SlotRequest) (review.SlotResult, error) {
	return review.SlotResult{}, errDown
}

// TestStoreWithoutCasesIsAConfigError: a binding store that keeps no cases
// cannot commit a case and its slot together, so the verifier refuses it.
func TestStoreWithoutCasesIsAConfigError(t *testing.T) {
	_, err := authn.NewVerifier(authn.WithBinder(newBinder(t, struct{ binding.Store }{binding.NewMemory()})))
	var ce *rules.ConfigError
	require.ErrorAs(t, err, &ce)
}

func TestInfrastructureErrorIsNotARejection(t *testing.T) {
	v := newVerifier(t, authn.WithBinder(newBinder(t, failingStore{binding.NewMemory()})))
	rep, err := v.Verify(context.Background(), application(t, 5))
	require.Error(t, err)
	assert.Nil(t, rep, "no verdict when the store fails")
	assert.ErrorIs(t, err, authn.ErrInfrastructure)
	assert.ErrorIs(t, err, errDown)
}

func TestContextBoundsTheWork(t *testing.T) {
	v := newVerifier(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := v.Verify(ctx, application(t, 6))
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, err, authn.ErrInfrastructure)

	slow := application(t, 6)
	slow.Certificate = authn.Evidence{Name: "card.png", Reader: slowReader{}}
	v = newVerifier(t, authn.WithTimeout(50*time.Millisecond))
	start := time.Now()
	_, err = v.Verify(context.Background(), slow)
	require.Error(t, err)
	assert.Less(t, time.Since(start), 5*time.Second, "the timeout stops a reader that never ends")
}

// slowReader yields one byte every 20 ms, for ever.
type slowReader struct{}

func (slowReader) Read(p []byte) (int, error) {
	time.Sleep(20 * time.Millisecond)
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = 0x89
	return 1, nil
}

var _ io.Reader = slowReader{}

func TestLocalizeAndLogMasked(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &mu}, nil))
	v := newVerifier(t, authn.WithLogger(logger), authn.WithLanguage(language.SimplifiedChinese))
	app := application(t, 8)
	app.Account.PartnerProgram = true
	rep, err := v.Verify(context.Background(), app)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Violations)
	assert.Equal(t, "zh-Hans", rep.Language)
	zh := rep.Violations[0].Message
	v.Localize(rep, language.TraditionalChinese)
	assert.NotEqual(t, zh, rep.Violations[0].Message, "Traditional Chinese differs from Simplified")
	v.Localize(rep, language.English)
	assert.Regexp(t, `^[\x20-\x7e]+$`, rep.Violations[0].Message)

	out := logs.String()
	assert.Contains(t, out, `"verdict":"reject"`)
	assert.NotContains(t, out, app.Claim.Number, "the full number never reaches the logs")
	assert.Contains(t, out, certificate.Mask(app.Claim.Number))

	b, err := json.Marshal(rep)
	require.NoError(t, err)
	assert.NotContains(t, string(b), app.Claim.Number, "the report marshals the number masked")
	assert.Contains(t, string(b), `"verdict":"reject"`)
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestConcurrentVerify(t *testing.T) {
	store := binding.NewMemory()
	v := newVerifier(t, authn.WithBinder(newBinder(t, store)))
	var wg sync.WaitGroup
	var mu sync.Mutex
	accepted := 0
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			app, err := authntest.Application(authntest.Options{Seed: 9})
			if err != nil {
				t.Error(err)
				return
			}
			app.Account.ID = "acct-" + string(rune('a'+i))
			rep, err := v.Verify(context.Background(), app)
			if err != nil {
				t.Error(err)
				return
			}
			if rep.Verdict == rules.Accept {
				mu.Lock()
				accepted++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 3, accepted, "exactly the limit of accounts hold one certificate")
}

// BenchmarkVerify verifies one accepted application end to end: typed-value
// checks, both evidence files with pixel checks (1000×640 and 720×960
// PNGs), a slot reservation in the memory store and the review case.
func BenchmarkVerify(b *testing.B) {
	v := newVerifier(b, authn.WithBinder(newBinder(b, binding.NewMemory())))
	app := application(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := v.Verify(context.Background(), app)
		if err != nil || rep.Verdict != rules.Accept {
			b.Fatal(err, rep.Codes())
		}
	}
}

// BenchmarkVerifyTypedOnly is the same without the files, to show the cost
// of the flow around the typed-value precautions.
func BenchmarkVerifyTypedOnly(b *testing.B) {
	p := authn.DefaultPolicy()
	p.Skip = []string{authn.CheckCertificateFile, authn.CheckHandheldFile}
	v := newVerifier(b, authn.WithPolicy(p), authn.WithBinder(newBinder(b, binding.NewMemory())))
	app := application(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := v.Verify(context.Background(), app)
		if err != nil || rep.Verdict != rules.Accept {
			b.Fatal(err, rep.Codes())
		}
	}
}

// TestCalendarErrorTakesNoSlot checks that a deadline the calendar cannot
// give (2036 is not published, and no fallback is set) fails the call as an
// infrastructure error without leaving a reserved slot on the certificate.
func TestCalendarErrorTakesNoSlot(t *testing.T) {
	late := func() time.Time { return time.Date(2035, 12, 30, 2, 0, 0, 0, time.UTC) } // 2036 is not published
	keys, err := binding.NewKeyring(binding.Secret{ID: "test", Bytes: []byte("0123456789abcdef0123456789abcdef")})
	require.NoError(t, err)
	b, err := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: certificate.Clock{Now: late}})
	require.NoError(t, err)
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: late}), authn.WithBinder(b), authn.WithCalendar(workday.ChinaMainland()))
	require.NoError(t, err)
	app := application(t, 40)
	rep, err := v.Verify(context.Background(), app)
	require.Error(t, err)
	assert.Nil(t, rep)
	assert.ErrorIs(t, err, authn.ErrInfrastructure)
	assert.ErrorIs(t, err, workday.ErrYearNotPublished)
	st, err := b.Status(context.Background(), certificate.NewNumber(certificate.IDCard, "CN", app.Claim.Number), app.Account.ID)
	require.NoError(t, err)
	assert.Equal(t, 0, st.Count, "no slot was left reserved")
	assert.Equal(t, binding.None, st.State)
}
