package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/rules/evidence"
)

// screenshotDir is where the end-to-end test writes its screenshots:
// $REALNAME_SCREENSHOTS, or testdata/screenshots (ignored by git) beside
// this file.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("REALNAME_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("testdata", "screenshots")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	return abs
}

// shoot writes a screenshot of the whole page to dir/name.png.
func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err, name)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}

// TestBrowserDesk follows an application through the whole review in two
// browsers, the applicant's (Simplified Chinese) and the reviewer's: the
// submission; the reviewer takes the case from the queue, sees both images
// and rejects it for headwear; the applicant reads the reason in Chinese
// and retries; the reviewer takes the new attempt and approves it with the
// whole checklist; the applicant sees it approved, and the binding slot is
// confirmed. After the retention time the purge deletes both attempts'
// files. The queue, the case page and the applicant's status page are
// written as screenshots (see screenshotDir).
func TestBrowserDesk(t *testing.T) {
	st := newSite(t)
	shots := screenshotDir(t)
	t.Logf("screenshots in %s", shots)
	applicant := browser(t, "zh-CN,zh;q=0.9")
	desk := browser(t, "en-US,en;q=0.9")
	require.NoError(t, chromedp.Do(desk, chromedp.EmulateViewport(1280, 900)))
	require.NoError(t, chromedp.Do(applicant, chromedp.EmulateViewport(800, 900)))
	ctx := context.Background()
	app, err := authntest.Application(authntest.Options{Seed: 31})
	require.NoError(t, err)
	fields := authntest.FormFields(app)

	// The applicant submits.
	require.NoError(t, chromedp.Do(applicant,
		chromedp.Navigate(st.srv.URL+"/"),
		chromedp.WaitVisible("#authn"),
		fill(t, fields, 31),
		chromedp.Click("#submit"),
		chromedp.WaitVisible("#due"),
	))
	first := text(t, applicant, "#case")
	require.NotEmpty(t, first)

	// The reviewer signs in and sees the queue.
	require.NoError(t, chromedp.Do(desk,
		chromedp.Navigate(st.srv.URL+"/desk/"),
		chromedp.WaitVisible("#login"),
		chromedp.SetValue("#name", "alice"),
		chromedp.SetValue("#password", "alice-password"),
		chromedp.Click("#signin"),
		chromedp.WaitVisible("#queue"),
	))
	assert.Equal(t, "1", text(t, desk, "#pending"))
	n, err := chromedp.Run(desk, chromedp.Evaluate[int](`document.querySelectorAll("tr.case[data-case='`+first+`']").length`))
	require.NoError(t, err)
	assert.Equal(t, 1, n, "the case is in the queue")
	shoot(t, desk, shots, "queue")

	// Take the next case: both images load, side by side.
	takeCase := func(want string) {
		t.Helper()
		require.NoError(t, chromedp.Do(desk, chromedp.Click("#take-next"), chromedp.WaitVisible("#approve-form")))
		assert.Equal(t, want, text(t, desk, "#case"))
		_, err := chromedp.Run(desk, chromedp.Poll[bool](`["certificate","handheld"].every(r => { const i = document.querySelector("#img-" + r); return i && i.complete && i.naturalWidth > 0 })`))
		require.NoError(t, err, "both images load for the holder")
	}
	takeCase(first)
	c, err := st.v.Case(ctx, first)
	require.NoError(t, err)
	assert.Equal(t, "alice", c.ClaimedBy, "the store's claim")
	assert.Equal(t, c.Certificate.Masked, text(t, desk, "#number"), "the number, masked")
	assert.Contains(t, text(t, desk, "#msg-headwear"), "Do not wear a hat", "the message the applicant will read")
	shoot(t, desk, shots, "case")

	// Reject for headwear.
	require.NoError(t, chromedp.Do(desk,
		chromedp.Click("#reason-headwear"),
		chromedp.Click("#reject"),
		chromedp.WaitVisible("#queue"),
	))
	assert.Contains(t, text(t, desk, "#notice"), "rejected")

	// The applicant reads the reason in Simplified Chinese and retries.
	require.NoError(t, chromedp.Do(applicant, chromedp.Navigate(st.srv.URL+"/status/"+first), chromedp.WaitVisible("#reasons")))
	assert.Equal(t, "已驳回", text(t, applicant, "#state"))
	assert.Contains(t, text(t, applicant, "#reasons"), "手持证件照中请勿佩戴帽子")
	shoot(t, applicant, shots, "status-rejected")
	require.NoError(t, chromedp.Do(applicant,
		chromedp.Click("#retry"),
		chromedp.WaitVisible("#authn"),
		fill(t, fields, 31),
		chromedp.Click("#submit"),
		chromedp.WaitVisible("#due"),
	))
	second := text(t, applicant, "#case")
	assert.NotEqual(t, first, second)
	assert.Equal(t, "2", text(t, applicant, "#attempt"))
	assert.Equal(t, first, text(t, applicant, "#previous"), "the new attempt is linked to the old one")

	// The reviewer takes the new attempt and approves it: the checklist
	// first, all of it.
	require.NoError(t, chromedp.Do(desk, chromedp.Navigate(st.srv.URL+"/desk/"), chromedp.WaitVisible("#queue")))
	takeCase(second)
	assert.Equal(t, first, text(t, desk, "#previous"))
	require.NoError(t, chromedp.Do(desk,
		chromedp.Click("#check-face_visible"),
		chromedp.Click("#approve"),
		chromedp.WaitVisible("#desk-error"),
	))
	assert.Contains(t, text(t, desk, "#desk-error"), "Tick every item")
	var ticks []chromedp.Action[chromedp.Void]
	for _, item := range review.Checklist() {
		ticks = append(ticks, chromedp.SetAttributeValue("#check-"+item, "checked", "checked"))
	}
	require.NoError(t, chromedp.Do(desk, chromedp.Steps(ticks...), chromedp.Click("#approve"), chromedp.WaitVisible("#queue")))
	assert.Contains(t, text(t, desk, "#notice"), "approved")

	// The applicant sees it approved; the slot is confirmed.
	require.NoError(t, chromedp.Do(applicant, chromedp.Navigate(st.srv.URL+"/status/"+second), chromedp.WaitVisible("#approved")))
	assert.Equal(t, "已通过", text(t, applicant, "#state"))
	shoot(t, applicant, shots, "status-approved")
	c, err = st.v.Case(ctx, second)
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
	assert.Equal(t, review.Checklist(), c.History[len(c.History)-1].Checklist)
	slot, err := st.v.Slot(ctx, c)
	require.NoError(t, err)
	assert.True(t, slot.Held)
	assert.Equal(t, binding.Confirmed, slot.State, "the binding slot is confirmed")

	// After the retention time, the purge deletes both attempts' files.
	const retention = 30 * 24 * time.Hour
	purged, err := st.s.purge(ctx, retention)
	require.NoError(t, err)
	assert.Empty(t, purged, "nothing is due yet")
	for _, id := range []string{first, second} {
		_, _, err := st.s.vault.Get(ctx, id, evidence.Handheld)
		require.NoError(t, err, "kept until the retention ends")
		_, err = st.s.typed.Get(ctx, id, roleApplication)
		require.NoError(t, err, "kept until the retention ends")
	}
	st.clock.Advance(retention + time.Hour)
	purged, err = st.s.purge(ctx, retention)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{first, second}, purged)
	for _, id := range []string{first, second} {
		for _, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
			_, _, err := st.s.vault.Get(ctx, id, role)
			assert.ErrorIs(t, err, vault.ErrNotFound, "%s %s", id, role)
		}
		_, err = st.s.typed.Get(ctx, id, roleApplication)
		assert.ErrorIs(t, err, errNotKept, id)
		c, err := st.v.Case(ctx, id)
		require.NoError(t, err)
		assert.False(t, c.FilesPurgedAt.IsZero(), "the case records the purge")
		assert.Equal(t, review.ActionFilesPurged, c.History[len(c.History)-1].Action)
	}
	// The applicant's page still tells the outcome.
	require.NoError(t, chromedp.Do(applicant, chromedp.Reload(), chromedp.WaitVisible("#approved")))
}
