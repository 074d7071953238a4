package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
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
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/evidence"
)

// testClock is a clock the test moves: leases, deadlines and retention run
// on it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// site is a form server with the desk, on an SQLite file, at a clock the
// test moves: Tuesday 10 March 2026, 10:00 in Shanghai.
type site struct {
	srv   *httptest.Server
	v     *authn.Verifier
	s     *server
	clock *testClock
}

// The desk's demo reviewers in the tests.
const testReviewers = "alice:alice-password,bob:bob-password"

func newSite(t *testing.T) *site {
	t.Helper()
	clock := &testClock{t: time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)}
	cc := certificate.Clock{Now: clock.Now}
	keys, err := binding.NewKeyring(binding.NewSecret([]byte("formserver desk test secret")))
	require.NoError(t, err)
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "bindings.db"), sqlite.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	b, err := binding.NewBinder(store, keys, binding.BinderOptions{Clock: cc})
	require.NoError(t, err)
	key, err := vault.DeriveKey([]byte("formserver desk test secret"))
	require.NoError(t, err)
	vaultKeys, err := vault.NewKeyring(key)
	require.NoError(t, err)
	files, err := vault.OpenDir(filepath.Join(t.TempDir(), "evidence"), vaultKeys)
	require.NoError(t, err)
	t.Cleanup(func() { files.Close() })
	v, err := authn.NewVerifier(authn.WithClock(cc), authn.WithBinder(b), authn.WithVault(files))
	require.NoError(t, err)
	rs, err := parseReviewers(testReviewers)
	require.NoError(t, err)
	s, err := newServer(serverOptions{Verifier: v, Region: language.MustParseRegion("CN"), Reviewers: rs, Clock: cc, Lease: 30 * time.Minute})
	require.NoError(t, err)
	srv := httptest.NewServer(s.routes())
	t.Cleanup(srv.Close)
	return &site{srv: srv, v: v, s: s, clock: clock}
}

// visitor is one browser: its own cookies, redirects not followed.
type visitor struct {
	t    *testing.T
	site *site
	c    *http.Client
	lang string
}

func (st *site) visitor(t *testing.T, lang string) *visitor {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &visitor{t: t, site: st, lang: lang, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type answer struct {
	code   int
	header http.Header
	body   string
}

func (v *visitor) do(method, path string, body io.Reader, ct string) answer {
	v.t.Helper()
	r, err := http.NewRequest(method, v.site.srv.URL+path, body)
	require.NoError(v.t, err)
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	if v.lang != "" {
		r.Header.Set("Accept-Language", v.lang)
	}
	resp, err := v.c.Do(r)
	require.NoError(v.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(v.t, err)
	return answer{resp.StatusCode, resp.Header, string(b)}
}

func (v *visitor) get(path string) answer { return v.do(http.MethodGet, path, nil, "") }

func (v *visitor) post(path string, form url.Values) answer {
	return v.do(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// apply opens the form page (for the account cookie) and submits the
// application of seed; it returns the new case's ID.
func (v *visitor) apply(seed uint64, extra ...string) string {
	v.t.Helper()
	return v.applyFiles(seed, authntest.FormFiles(seed), extra...)
}

// applyFiles is apply with other files.
func (v *visitor) applyFiles(seed uint64, files []authntest.FormFile, extra ...string) string {
	v.t.Helper()
	v.get("/")
	app, err := authntest.Application(authntest.Options{Seed: seed})
	require.NoError(v.t, err)
	body, ct, err := authntest.Form(append(authntest.FormFields(app), extra...), files...)
	require.NoError(v.t, err)
	a := v.do(http.MethodPost, "/submit", body, ct)
	require.Equal(v.t, http.StatusSeeOther, a.code, a.body)
	id := strings.TrimPrefix(a.header.Get("Location"), "/status/")
	require.NotEmpty(v.t, id)
	return id
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn signs the visitor in as a reviewer and returns the form token.
func (v *visitor) signIn(name, pass string) string {
	v.t.Helper()
	a := v.post("/desk/login", url.Values{"name": {name}, "password": {pass}})
	require.Equal(v.t, http.StatusSeeOther, a.code, a.body)
	a = v.get("/desk/")
	require.Equal(v.t, http.StatusOK, a.code)
	m := csrfField.FindStringSubmatch(a.body)
	require.NotNil(v.t, m, a.body)
	return m[1]
}

// TestDeskSignIn: wrong credentials are refused; the reviewer's cookie is
// its own, scoped to /desk, HttpOnly and SameSite=Strict.
func TestDeskSignIn(t *testing.T) {
	st := newSite(t)
	rv := st.visitor(t, "en")
	a := rv.post("/desk/login", url.Values{"name": {"alice"}, "password": {"bob-password"}})
	assert.Equal(t, http.StatusUnauthorized, a.code)
	assert.Contains(t, a.body, "Wrong name or password")
	a = rv.post("/desk/login", url.Values{"name": {"nobody"}, "password": {"alice-password"}})
	assert.Equal(t, http.StatusUnauthorized, a.code)
	a = rv.post("/desk/login", url.Values{"name": {"alice"}, "password": {"alice-password"}})
	require.Equal(t, http.StatusSeeOther, a.code)
	var c *http.Cookie
	for _, x := range (&http.Response{Header: a.header}).Cookies() {
		if x.Name == reviewerCookie {
			c = x
		}
	}
	require.NotNil(t, c)
	assert.Equal(t, "/desk", c.Path)
	assert.True(t, c.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, c.SameSite)
	a = rv.get("/desk/")
	assert.Equal(t, http.StatusOK, a.code)
	assert.Contains(t, a.body, "alice")

	m := csrfField.FindStringSubmatch(a.body)
	require.NotNil(t, m)
	a = rv.post("/desk/logout", url.Values{"csrf": {m[1]}})
	assert.Equal(t, http.StatusSeeOther, a.code)
	a = rv.get("/desk/")
	assert.Equal(t, http.StatusSeeOther, a.code, "signed out")

	_, err := parseReviewers("alice:short")
	assert.Error(t, err, "a password under 8 bytes")
	_, err = parseReviewers("al ice:long-enough")
	assert.Error(t, err)
}

// TestDeskWhoSeesWhat tries each forbidden path: an applicant on the
// reviewer's pages, a reviewer's session on the applicant's, a reviewer
// without the claim on a case and its files, another applicant's case, a
// post without the form token; and checks that every page with personal
// data is no-store.
func TestDeskWhoSeesWhat(t *testing.T) {
	st := newSite(t)
	ann, ben := st.visitor(t, "en"), st.visitor(t, "en")
	first := ann.apply(21)
	second := ben.apply(22)

	// An applicant never reaches a reviewer page.
	for _, p := range []string{"/desk/", "/desk/case/" + first} {
		a := ann.get(p)
		assert.Equal(t, http.StatusSeeOther, a.code, p)
		assert.Equal(t, "/desk/login", a.header.Get("Location"), p)
	}
	for _, p := range []string{"/desk/case/" + first + "/file/certificate", "/desk/case/" + first + "/file/handheld"} {
		a := ann.get(p)
		assert.Equal(t, http.StatusForbidden, a.code, p)
		assert.NotContains(t, a.header.Get("Content-Type"), "image", p)
	}
	for _, p := range []string{"/desk/next", "/desk/case/" + first + "/approve", "/desk/case/" + first + "/reject", "/desk/case/" + first + "/reveal"} {
		a := ann.post(p, url.Values{"checklist": review.Checklist(), "reason": {"headwear"}, "why": {"x"}})
		assert.Equal(t, http.StatusForbidden, a.code, p)
	}
	c, err := st.v.Case(context.Background(), first)
	require.NoError(t, err)
	assert.Equal(t, review.Submitted, c.State, "nothing an applicant posted moved the case")

	// Another applicant's case is not found.
	a := ben.get("/status/" + first)
	assert.Equal(t, http.StatusNotFound, a.code)
	assert.NotContains(t, a.body, first)

	alice, bob := st.visitor(t, "en"), st.visitor(t, "en")
	aliceToken := alice.signIn("alice", "alice-password")
	bobToken := bob.signIn("bob", "bob-password")

	// Nobody holds the case yet: no page, no file.
	assert.Equal(t, http.StatusForbidden, alice.get("/desk/case/"+first).code)
	assert.Equal(t, http.StatusForbidden, alice.get("/desk/case/"+first+"/file/handheld").code)
	assert.Equal(t, http.StatusNotFound, alice.get("/desk/case/nosuchcase").code)

	// Without the form token a post is refused.
	a = alice.post("/desk/next", url.Values{})
	assert.Equal(t, http.StatusForbidden, a.code)
	a = alice.post("/desk/next", url.Values{"csrf": {bobToken}})
	assert.Equal(t, http.StatusForbidden, a.code, "another session's token")

	// Both cases are due the same day: the claim takes the smaller ID
	// first. From here on, first is the case alice holds, seed its
	// application's seed.
	seed := uint64(21)
	if second < first {
		first, second, seed = second, first, 22
	}
	a = alice.post("/desk/next", url.Values{"csrf": {aliceToken}})
	require.Equal(t, http.StatusSeeOther, a.code)
	assert.Equal(t, "/desk/case/"+first, a.header.Get("Location"), "the case due first")
	a = alice.get("/desk/case/" + first)
	require.Equal(t, http.StatusOK, a.code)
	assert.Equal(t, "no-store", a.header.Get("Cache-Control"))
	c, err = st.v.Case(context.Background(), first)
	require.NoError(t, err)
	require.NotNil(t, c.Certificate)
	assert.Contains(t, a.body, c.Certificate.Masked, "the number, masked")
	app, err := authntest.Application(authntest.Options{Seed: seed})
	require.NoError(t, err)
	assert.NotContains(t, a.body, app.Claim.Number, "never the full number without a reveal")
	for _, item := range review.Checklist() {
		assert.Contains(t, a.body, `value="`+item+`"`)
	}
	assert.Contains(t, a.body, "Do not wear a hat", "each reason shows the applicant's message")
	assert.Contains(t, a.body, "请勿佩戴帽子", "in the other languages too")

	// The files, to the holder only.
	for _, role := range []string{"certificate", "handheld"} {
		a = alice.get("/desk/case/" + first + "/file/" + role)
		require.Equal(t, http.StatusOK, a.code, role)
		assert.Equal(t, "image/png", a.header.Get("Content-Type"), role)
		assert.Equal(t, "no-store", a.header.Get("Cache-Control"), role)
		assert.Equal(t, "nosniff", a.header.Get("X-Content-Type-Options"), role)
		want := authntest.CertificatePNG(seed)
		if role == "handheld" {
			want = authntest.HandheldPNG(seed)
		}
		assert.Equal(t, string(want), a.body, "the file as uploaded")
		b := bob.get("/desk/case/" + first + "/file/" + role)
		assert.Equal(t, http.StatusForbidden, b.code, "bob does not hold the case")
		assert.NotEqual(t, "image/png", b.header.Get("Content-Type"))
	}
	assert.Equal(t, http.StatusNotFound, alice.get("/desk/case/"+first+"/file/application").code, "the typed data is no file")
	assert.Equal(t, http.StatusForbidden, bob.get("/desk/case/"+first).code)
	for _, p := range []string{"approve", "reject", "reveal"} {
		a = bob.post("/desk/case/"+first+"/"+p, url.Values{"csrf": {bobToken}, "checklist": review.Checklist(), "reason": {"headwear"}, "why": {"curious"}})
		assert.Equal(t, http.StatusForbidden, a.code, p)
	}
	a = bob.post("/desk/next", url.Values{"csrf": {bobToken}})
	require.Equal(t, http.StatusSeeOther, a.code)
	assert.Equal(t, "/desk/case/"+second, a.header.Get("Location"), "bob gets the other case")

	// A reviewer's session never acts as an applicant: its cookie is not
	// sent outside /desk, and sent by hand it is refused.
	a = alice.get("/status/" + first)
	assert.Equal(t, http.StatusUnauthorized, a.code)
	r, err := http.NewRequest(http.MethodGet, st.srv.URL+"/status/"+first, nil)
	require.NoError(t, err)
	for _, ck := range ann.c.Jar.Cookies(mustURL(t, st.srv.URL+"/")) {
		r.AddCookie(ck)
	}
	for _, ck := range alice.c.Jar.Cookies(mustURL(t, st.srv.URL+"/desk/")) {
		r.AddCookie(ck)
	}
	resp, err := http.DefaultClient.Do(r)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "an applicant's cookie beside a reviewer's session acts as nobody")

	// The reveal needs a reason and is kept in the history.
	a = alice.post("/desk/case/"+first+"/reveal", url.Values{"csrf": {aliceToken}})
	assert.Equal(t, http.StatusUnprocessableEntity, a.code)
	a = alice.post("/desk/case/"+first+"/reveal", url.Values{"csrf": {aliceToken}, "why": {"the last digits look altered"}})
	require.Equal(t, http.StatusOK, a.code)
	assert.Equal(t, "no-store", a.header.Get("Cache-Control"))
	assert.Contains(t, a.body, app.Claim.Number, "revealed")
	c, err = st.v.Case(context.Background(), first)
	require.NoError(t, err)
	var revealed bool
	for _, e := range c.History {
		if e.Action == review.ActionReveal {
			revealed = true
			assert.Equal(t, "alice", e.Actor)
			assert.Equal(t, "the last digits look altered", e.Note)
		}
	}
	assert.True(t, revealed, "the reveal is in the history: %+v", c.History)

	// Approval needs every item ticked.
	a = alice.post("/desk/case/"+first+"/approve", url.Values{"csrf": {aliceToken}, "checklist": review.Checklist()[:5]})
	assert.Equal(t, http.StatusUnprocessableEntity, a.code)
	assert.Contains(t, a.body, "Tick every item")
	c, err = st.v.Case(context.Background(), first)
	require.NoError(t, err)
	assert.True(t, c.State.Pending())
	a = alice.post("/desk/case/"+first+"/approve", url.Values{"csrf": {aliceToken}, "checklist": review.Checklist(), "note": {"all clear"}})
	require.Equal(t, http.StatusSeeOther, a.code, a.body)
	c, err = st.v.Case(context.Background(), first)
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
	last := c.History[len(c.History)-1]
	assert.Equal(t, review.Checklist(), last.Checklist, "the checklist is kept with the decision")
	assert.Equal(t, "alice", last.Actor)
	assert.Equal(t, http.StatusForbidden, alice.get("/desk/case/"+first).code, "a decided case is held by nobody")
	assert.Equal(t, http.StatusForbidden, alice.get("/desk/case/"+first+"/file/handheld").code)

	// Rejection needs a reason.
	a = bob.post("/desk/case/"+second+"/reject", url.Values{"csrf": {bobToken}})
	assert.Equal(t, http.StatusUnprocessableEntity, a.code)
	a = bob.post("/desk/case/"+second+"/reject", url.Values{"csrf": {bobToken}, "reason": {"headwear", "no-such-reason"}})
	require.Equal(t, http.StatusSeeOther, a.code)
	c, err = st.v.Case(context.Background(), second)
	require.NoError(t, err)
	assert.Equal(t, review.Rejected, c.State)
	require.Len(t, c.Reasons, 1)
	assert.Equal(t, review.CodeHeadwear, c.Reasons[0].Code)

	// Every page of a case is no-store.
	for _, a := range []answer{ann.get("/status/" + first), ann.get("/status/" + second), ben.get("/status/" + first), ben.get("/status/" + second), alice.get("/desk/")} {
		assert.Equal(t, "no-store", a.header.Get("Cache-Control"))
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

// TestStatusLanguageSwitch: ?lang= picks the applicant's language over the
// browser's and keeps it; the rejection's reasons read in it.
func TestStatusLanguageSwitch(t *testing.T) {
	st := newSite(t)
	ann := st.visitor(t, "en-US,en;q=0.9")
	id := ann.apply(23)
	_, err := st.v.Reject(context.Background(), id, "alice", review.Reason(review.CodeHeadwear, "handheld"))
	require.NoError(t, err)
	a := ann.get("/status/" + id)
	assert.Contains(t, a.body, "Do not wear a hat")
	a = ann.get("/status/" + id + "?lang=zh-Hans")
	assert.Contains(t, a.body, "手持证件照中请勿佩戴帽子")
	assert.Contains(t, a.body, "修改后重新提交", "the retry button")
	a = ann.get("/status/" + id)
	assert.Contains(t, a.body, "手持证件照中请勿佩戴帽子", "the choice is kept")
	a = ann.get("/status/" + id + "?lang=zh-Hant")
	assert.Contains(t, a.body, "手持證件照中請勿佩戴帽子")
	a = ann.get("/status/" + id + "?lang=en")
	assert.Contains(t, a.body, "Do not wear a hat")
}

// TestDeskPDFCertificate: a PDF certificate is embedded on the case page
// with a link, and served as application/pdf, no-store and nosniff.
func TestDeskPDFCertificate(t *testing.T) {
	st := newSite(t)
	pdf, err := os.ReadFile(filepath.Join("..", "..", "rules", "evidence", "testdata", "corpus", "good_1page.pdf"))
	require.NoError(t, err)
	ann := st.visitor(t, "en")
	id := ann.applyFiles(24, []authntest.FormFile{
		{Field: "certificate", Name: "card.pdf", ContentType: "application/pdf", Body: bytes.NewReader(pdf)},
		{Field: "handheld", Name: "holding.png", ContentType: "image/png", Body: bytes.NewReader(authntest.HandheldPNG(24))},
	})
	alice := st.visitor(t, "en")
	token := alice.signIn("alice", "alice-password")
	a := alice.post("/desk/next", url.Values{"csrf": {token}})
	require.Equal(t, "/desk/case/"+id, a.header.Get("Location"))
	a = alice.get("/desk/case/" + id)
	require.Equal(t, http.StatusOK, a.code)
	assert.Contains(t, a.body, `<object data="/desk/case/`+id+`/file/certificate" type="application/pdf"`)
	assert.Contains(t, a.body, `id="img-handheld"`)
	a = alice.get("/desk/case/" + id + "/file/certificate")
	require.Equal(t, http.StatusOK, a.code)
	assert.Equal(t, "application/pdf", a.header.Get("Content-Type"))
	assert.Equal(t, "no-store", a.header.Get("Cache-Control"))
	assert.Equal(t, "nosniff", a.header.Get("X-Content-Type-Options"))
	assert.Equal(t, string(pdf), a.body)
}

// TestDeskQueueAndLease: the queue marks a case overdue once its deadline
// passes; a claim lasts its lease, after which the holder sees nothing of
// the case and another reviewer may take it.
func TestDeskQueueAndLease(t *testing.T) {
	st := newSite(t)
	id := st.visitor(t, "en").apply(25)
	alice := st.visitor(t, "en")
	token := alice.signIn("alice", "alice-password")
	a := alice.get("/desk/")
	assert.Contains(t, a.body, `data-case="`+id+`"`)
	assert.NotContains(t, a.body, `class="case overdue"`)
	assert.Contains(t, a.body, `id="overdue">0<`)

	a = alice.post("/desk/next", url.Values{"csrf": {token}})
	require.Equal(t, "/desk/case/"+id, a.header.Get("Location"))
	a = alice.get("/desk/")
	assert.Contains(t, a.body, "<td>alice</td>", "the queue shows who holds the case")
	st.clock.Advance(31 * time.Minute)
	assert.Equal(t, http.StatusForbidden, alice.get("/desk/case/"+id).code, "the lease ended")
	assert.Equal(t, http.StatusForbidden, alice.get("/desk/case/"+id+"/file/handheld").code)
	bob := st.visitor(t, "en")
	bobToken := bob.signIn("bob", "bob-password")
	a = bob.post("/desk/next", url.Values{"csrf": {bobToken}})
	assert.Equal(t, "/desk/case/"+id, a.header.Get("Location"), "free again after the lease")
	assert.Equal(t, http.StatusOK, bob.get("/desk/case/"+id+"/file/handheld").code)

	// Friday 13 March ends: the case is overdue. (The sessions ended too.)
	st.clock.Advance(4 * 24 * time.Hour)
	assert.Equal(t, http.StatusSeeOther, alice.get("/desk/").code, "a session lasts hours, not days")
	alice.signIn("alice", "alice-password")
	a = alice.get("/desk/")
	assert.Contains(t, a.body, `class="case overdue" data-case="`+id+`"`)
	assert.Contains(t, a.body, `id="overdue">1<`)
}

// TestAPIKeepsTheApplication: a case opened through the JSON endpoint has
// its files in the vault and what was typed in the keeper, as through the
// form page, so the desk can reveal its number.
func TestAPIKeepsTheApplication(t *testing.T) {
	st := newSite(t)
	ann := st.visitor(t, "en")
	ann.get("/")
	app, err := authntest.Application(authntest.Options{Seed: 26})
	require.NoError(t, err)
	body, ct, err := authntest.Form(authntest.FormFields(app), authntest.FormFiles(26)...)
	require.NoError(t, err)
	a := ann.do(http.MethodPost, "/api/authn", body, ct)
	require.Equal(t, http.StatusAccepted, a.code, a.body)
	m := regexp.MustCompile(`"case":"([0-9a-f]+)"`).FindStringSubmatch(a.body)
	require.NotNil(t, m, a.body)
	typed, err := st.s.application(context.Background(), m[1])
	require.NoError(t, err)
	assert.Equal(t, app.Claim.Number, typed.Fields.Number)
	_, meta, err := st.v.Evidence(context.Background(), m[1], evidence.Certificate)
	require.NoError(t, err)
	assert.Equal(t, evidence.PNG, meta.Format)
}
