package main

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
)

// chromium returns the path of Debian's chromium, skipping the test when it
// is absent outside CI; in CI (env CI set) it must be there.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs Debian's chromium package")
	}
	t.Skip("chromium is not installed (apt-get install chromium); CI runs this test")
	return ""
}

// testServer serves the site with a fixed clock: Tuesday 10 March 2026,
// 10:00 in Shanghai, so the deadline is Friday 13 March. The bindings and
// the cases live in an SQLite file, as with formserver -db; the verifier
// is returned for the tests to decide cases as a reviewer would. opts are
// more options of the verifier.
func testServer(t *testing.T, opts ...authn.Option) (*httptest.Server, *authn.Verifier) {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }
	keys, err := binding.NewKeyring(binding.NewSecret([]byte("formserver e2e test secret")))
	require.NoError(t, err)
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "bindings.db"), sqlite.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	b, err := binding.NewBinder(store, keys, binding.BinderOptions{Clock: certificate.Clock{Now: now}})
	require.NoError(t, err)
	v, err := authn.NewVerifier(append([]authn.Option{authn.WithClock(certificate.Clock{Now: now}), authn.WithBinder(b)}, opts...)...)
	require.NoError(t, err)
	s, err := newServer(serverOptions{Verifier: v, Region: language.MustParseRegion("CN"), Clock: certificate.Clock{Now: now}})
	require.NoError(t, err)
	srv := httptest.NewServer(s.routes())
	t.Cleanup(srv.Close)
	return srv, v
}

func browser(t *testing.T, lang string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	require.NoError(t, chromedp.Do(bctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": lang}})
		return err
	})))
	return bctx
}

// fill types the application's fields and attaches the two images.
func fill(t *testing.T, fields []string, seed uint64) chromedp.Action[chromedp.Void] {
	return fillWith(t, fields, authntest.CertificatePNG(seed), seed)
}

// fillWith types the fields and attaches card as the certificate.
func fillWith(t *testing.T, fields []string, card []byte, seed uint64) chromedp.Action[chromedp.Void] {
	dir := t.TempDir()
	cert, hand := filepath.Join(dir, "card.png"), filepath.Join(dir, "holding.png")
	require.NoError(t, os.WriteFile(cert, card, 0o600))
	require.NoError(t, os.WriteFile(hand, authntest.HandheldPNG(seed), 0o600))
	var steps []chromedp.Action[chromedp.Void]
	for i := 0; i+1 < len(fields); i += 2 {
		steps = append(steps, chromedp.SetValue("#"+fields[i], fields[i+1]))
	}
	steps = append(steps,
		chromedp.SetUploadFiles("#certificate", []string{cert}),
		chromedp.SetUploadFiles("#handheld", []string{hand}),
	)
	return chromedp.Steps(steps...)
}

func TestBrowserAcceptedSubmission(t *testing.T) {
	srv, _ := testServer(t)
	ctx := browser(t, "en-US,en;q=0.9")
	app, err := authntest.Application(authntest.Options{Seed: 11})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible("#authn"),
		fill(t, authntest.FormFields(app), 11),
		chromedp.Click("#submit"),
		chromedp.WaitVisible("#due"),
	))
	state, err := chromedp.Run(ctx, chromedp.Text("#state"))
	require.NoError(t, err)
	due, err := chromedp.Run(ctx, chromedp.Text("#due"))
	require.NoError(t, err)
	url, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	assert.Contains(t, url, "/status/", "an accepted submission lands on its status page")
	assert.Contains(t, state, "waiting for a reviewer")
	signals, err := chromedp.Run(ctx, chromedp.Text("#signals"))
	require.NoError(t, err)
	assert.Contains(t, signals, "The name on the certificate could not be read", "the demo has no OCR: a reviewer compares the name")
	assert.Equal(t, "2026-03-13", strings.TrimSpace(due), "three working days after Tuesday 10 March 2026")
}

func TestBrowserRejectedSubmission(t *testing.T) {
	srv, _ := testServer(t)
	ctx := browser(t, "zh-CN,zh;q=0.9")
	app, err := authntest.Application(authntest.Options{Seed: 12})
	require.NoError(t, err)
	fields := authntest.FormFields(app)
	for i := 0; i+1 < len(fields); i += 2 {
		switch fields[i] {
		case "issued":
			fields[i+1] = "2010-06-01" // at 20: valid 10 years
		case "expires":
			fields[i+1] = "2020-06-01" // expired
		}
	}
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible("#authn"),
		fill(t, fields, 12),
		chromedp.Click("#submit"),
		chromedp.WaitVisible("#err-expires"),
	))
	msg, err := chromedp.Run(ctx, chromedp.Text("#err-expires"))
	require.NoError(t, err)
	assert.Contains(t, msg, "过期", "the error next to the field is in Simplified Chinese")
	assert.Contains(t, msg, "2020-06-01")
	name, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#name").value`))
	require.NoError(t, err)
	assert.Equal(t, app.Claim.Name, name, "the form keeps what was typed")
	title, err := chromedp.Run(ctx, chromedp.Text("h1"))
	require.NoError(t, err)
	assert.Equal(t, "实名认证", title)
}

// text returns the text of the first element sel selects.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Text(sel))
	require.NoError(t, err, sel)
	return strings.TrimSpace(got)
}

// TestBrowserReviewCycle follows one applicant through the review: the
// status page of the submitted case, a second submission answered with
// that case, a reviewer's rejection shown with its reason, the retry the
// status page offers, and a withdrawal. Another account never sees the
// case.
func TestBrowserReviewCycle(t *testing.T) {
	srv, v := testServer(t)
	ctx := browser(t, "en-US,en;q=0.9")
	app, err := authntest.Application(authntest.Options{Seed: 14})
	require.NoError(t, err)
	fields := authntest.FormFields(app)
	submit := func(wait string) {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx,
			chromedp.WaitVisible("#authn"),
			fill(t, fields, 14),
			chromedp.Click("#submit"),
			chromedp.WaitVisible(wait),
		))
	}

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")))
	submit("#due")
	id := text(t, ctx, "#case")
	require.NotEmpty(t, id)
	assert.Equal(t, "1", text(t, ctx, "#attempt"))

	// A second submission while the first waits: the page shows the
	// pending case, and why nothing new was taken.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")))
	submit("#notice")
	assert.Contains(t, text(t, ctx, "#notice"), "You already have an application being reviewed")
	assert.Equal(t, id, text(t, ctx, "#case"), "the pending case")

	// A reviewer rejects the case; the status page, read from the store,
	// says why and offers to submit again.
	_, err = v.Reject(context.Background(), id, "reviewer-1", review.Reason(review.CodeHeadwear, "handheld"))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/status/"+id), chromedp.WaitVisible("#reasons")))
	assert.Equal(t, "rejected", text(t, ctx, "#state"))
	assert.Contains(t, text(t, ctx, "#reasons"), "headwear")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click("#retry"), chromedp.WaitVisible("#authn")))
	retryOf, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#retry_of").value`))
	require.NoError(t, err)
	assert.Equal(t, id, retryOf, "the form retries the rejected case")
	submit("#due")
	again := text(t, ctx, "#case")
	assert.NotEqual(t, id, again)
	assert.Equal(t, "2", text(t, ctx, "#attempt"))
	assert.Equal(t, id, text(t, ctx, "#previous"))
	c, err := v.Case(context.Background(), again)
	require.NoError(t, err)
	assert.Equal(t, id, c.Previous, "the store links the attempts")

	// The applicant withdraws the new application.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click("#withdraw"), chromedp.WaitVisible(`#state[data-state="withdrawn"]`)))
	assert.Equal(t, "withdrawn", text(t, ctx, "#state"))
	c, err = v.Case(context.Background(), again)
	require.NoError(t, err)
	assert.Equal(t, review.Withdrawn, c.State)
	slot, err := v.Slot(context.Background(), c)
	require.NoError(t, err)
	assert.False(t, slot.Held, "the withdrawal freed the slot")

	// Another account is not told the case exists.
	other := browser(t, "en-US,en;q=0.9")
	require.NoError(t, chromedp.Do(other,
		chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible("#authn"),
		chromedp.Navigate(srv.URL+"/status/"+again), chromedp.WaitVisible("#notice"),
	))
	assert.Contains(t, text(t, other, "#notice"), "No such application")
	n, err := chromedp.Run(other, chromedp.Evaluate[int](`document.querySelectorAll("#state, #case").length`))
	require.NoError(t, err)
	assert.Zero(t, n, "nothing of the case is shown")
}

// TestBrowserZoneMismatch types 李四 in Traditional Chinese with a photo of
// 张三's passport: the page comes back with the mismatch of the name read
// from the passport's machine-readable zone right below the name field,
// and nothing next to the others. The page is written as a screenshot (see
// screenshotDir).
func TestBrowserZoneMismatch(t *testing.T) {
	zone, err := zoneOptions(true, zoneClock)
	require.NoError(t, err)
	srv, _ := testServer(t, zone...)
	shots := screenshotDir(t)
	ctx := browser(t, "zh-TW,zh-Hant;q=0.9")
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(800, 900)))
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible("#authn"),
		fillWith(t, passportFields("name", "李四"), passportPhoto(t, true), 21),
		chromedp.Click("#submit"),
		chromedp.WaitVisible("#err-name"),
	))
	assert.Contains(t, text(t, ctx, "#err-name"), nameMismatch["zh-Hant"])
	below, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#name").nextElementSibling === document.querySelector("#err-name")`))
	require.NoError(t, err)
	assert.True(t, below, "the message follows the name input")
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".error").length`))
	require.NoError(t, err)
	assert.Equal(t, 1, n, "one message on the page")
	name, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#name").value`))
	require.NoError(t, err)
	assert.Equal(t, "李四", name, "the form keeps what was typed")
	kind, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#kind").value`))
	require.NoError(t, err)
	assert.Equal(t, "passport", kind)
	shoot(t, ctx, shots, "form-zone-mismatch")
}
