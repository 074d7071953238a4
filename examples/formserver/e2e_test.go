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
// 10:00 in Shanghai, so the deadline is Friday 13 March.
func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }
	keys, err := binding.NewKeyring(binding.NewSecret([]byte("formserver e2e test secret")))
	require.NoError(t, err)
	b, err := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: certificate.Clock{Now: now}})
	require.NoError(t, err)
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: now}), authn.WithBinder(b))
	require.NoError(t, err)
	s, err := newServer(serverOptions{Verifier: v, Region: language.MustParseRegion("CN")})
	require.NoError(t, err)
	srv := httptest.NewServer(s.routes())
	t.Cleanup(srv.Close)
	return srv
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
	dir := t.TempDir()
	cert, hand := filepath.Join(dir, "card.png"), filepath.Join(dir, "holding.png")
	require.NoError(t, os.WriteFile(cert, authntest.CertificatePNG(seed), 0o600))
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
	srv := testServer(t)
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
	srv := testServer(t)
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
