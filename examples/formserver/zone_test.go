package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/mrzread"
)

// zoneClock is the tests' clock: Tuesday 10 March 2026, 10:00 in Shanghai.
var zoneClock = certificate.Clock{Now: func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }}

// passportPhoto returns 张三's passport data page
// (examples/realname/testdata/zone/zhangsan.png, its zone rendered in OCR-B
// at 200 dpi: P<CHNZHANG<<SAN…, number E12345678, born 1990-03-07,
// expiring 2034-01-01) in colour, as a phone photographs it, so the
// evidence checks find nothing to say about it (a grey page is a
// photocopy to them). Without its zone, the two lines at the bottom are
// painted over with the page's colour.
func passportPhoto(t *testing.T, withZone bool) []byte {
	t.Helper()
	return colourPhoto(t, "zhangsan.png", withZone)
}

// colourPhoto returns the page of examples/realname/testdata/zone/name in
// colour, its zone painted over unless withZone.
func colourPhoto(t *testing.T, name string, withZone bool) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "realname", "testdata", "zone", name))
	require.NoError(t, err)
	src, err := png.Decode(bytes.NewReader(raw))
	require.NoError(t, err)
	b := src.Bounds()
	require.Equal(t, image.Rect(0, 0, 1111, 819), b, "the rendered page this test paints on")
	tint := func(g uint8) color.NRGBA {
		return color.NRGBA{R: uint8(int(g) * 85 / 100), G: uint8(int(g) * 95 / 100), B: g, A: 255}
	}
	page := color.GrayModel.Convert(src.At(600, 560)).(color.Gray).Y // blank page below the photo
	dst := image.NewNRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.GrayModel.Convert(src.At(x, y)).(color.Gray).Y
			if !withZone && y > 640 && y < 745 && x > 90 && x < 1020 {
				g = page
			}
			dst.SetNRGBA(x, y, tint(g))
		}
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, dst))
	return buf.Bytes()
}

// TestPassportPhoto: the photo the tests submit holds the zone, or, painted
// over, none, as the reader sees them.
func TestPassportPhoto(t *testing.T) {
	r, err := mrzread.New(mrzread.Options{Clock: zoneClock})
	require.NoError(t, err)
	for _, withZone := range []bool{true, false} {
		img, err := png.Decode(bytes.NewReader(passportPhoto(t, withZone)))
		require.NoError(t, err)
		z, err := r.Read(context.Background(), img)
		if withZone {
			require.NoError(t, err)
			require.NotNil(t, z.MRZ)
			assert.Equal(t, "E12345678", z.MRZ.DocumentNumber)
			assert.Equal(t, "ZHANG", z.MRZ.Primary)
			continue
		}
		var e *mrzread.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, mrzread.CodeNoZone, e.Code)
	}
}

// zoneSite serves the site with a verifier built as formserver builds it,
// -read-zone on or off, and a fixed clock.
func zoneSite(t *testing.T, readZone bool) http.Handler {
	t.Helper()
	zone, err := zoneOptions(readZone, zoneClock)
	require.NoError(t, err)
	keys, err := binding.NewKeyring(binding.NewSecret([]byte("formserver zone test secret")))
	require.NoError(t, err)
	b, err := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: zoneClock})
	require.NoError(t, err)
	v, err := authn.NewVerifier(append([]authn.Option{authn.WithClock(zoneClock), authn.WithBinder(b)}, zone...)...)
	require.NoError(t, err)
	s, err := newServer(serverOptions{Verifier: v, Region: language.MustParseRegion("CN"), Clock: zoneClock})
	require.NoError(t, err)
	return s.routes()
}

// passportFields are 张三's passport as the applicant types it, with
// changes (name, value, …).
func passportFields(changes ...string) []string {
	f := []string{"name", "张三", "kind", "passport", "region", "CN", "number", "E12345678", "issued", "2024-01-02", "expires", "2034-01-01", "birth", "1990-03-07"}
	for i := 0; i+1 < len(changes); i += 2 {
		for j := 0; j+1 < len(f); j += 2 {
			if f[j] == changes[i] {
				f[j+1] = changes[i+1]
			}
		}
	}
	return f
}

// postPassport submits fields with the passport photo to path (/submit,
// the page; /api/authn, JSON) as account, in lang.
func postPassport(t *testing.T, h http.Handler, path, account, lang string, fields []string, photo []byte) *httptest.ResponseRecorder {
	t.Helper()
	body, ct, err := authntest.Form(fields,
		authntest.FormFile{Field: "certificate", Name: "passport.png", ContentType: "image/png", Body: bytes.NewReader(photo)},
		authntest.FormFile{Field: "handheld", Name: "holding.png", ContentType: "image/png", Body: bytes.NewReader(authntest.HandheldPNG(61))})
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodPost, path, body)
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Accept-Language", lang)
	r.AddCookie(&http.Cookie{Name: accountCookie, Value: account})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// finding is a finding of the JSON answers.
type finding struct {
	Code     string `json:"code"`
	Field    string `json:"field"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// zoneAnswer is the JSON endpoint's answer: a problem (422) or a status (202).
type zoneAnswer struct {
	Code       string    `json:"code"`
	Verdict    string    `json:"verdict"`
	State      string    `json:"state"`
	Case       string    `json:"case"`
	Violations []finding `json:"violations"`
	Signals    []finding `json:"signals"`
}

func decodeAnswer(t *testing.T, w *httptest.ResponseRecorder) zoneAnswer {
	t.Helper()
	var a zoneAnswer
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &a), w.Body.String())
	return a
}

// fieldErrors returns the messages the form page shows next to the input
// field (its div#err-field), unescaped.
func fieldErrors(page, field string) []string {
	m := regexp.MustCompile(`(?s)<div class="error" id="err-` + regexp.QuoteMeta(field) + `">(.*?)</div>`).FindStringSubmatch(page)
	if m == nil {
		return nil
	}
	var out []string
	for _, p := range regexp.MustCompile(`(?s)<p>(.*?)</p>`).FindAllStringSubmatch(m[1], -1) {
		out = append(out, html.UnescapeString(p[1]))
	}
	return out
}

// nameMismatch is claim.name_mismatch in the page's three languages.
var nameMismatch = map[string]string{
	"en":      "The name you entered does not match the name on the certificate",
	"zh-Hans": "填写的姓名与证件上的姓名不一致",
	"zh-Hant": "填寫的姓名與證件上的姓名不一致",
}

// TestZoneNameMismatch types 李四 with a photo of 张三's passport: the zone
// read from the photo is the certificate's name, so the answer is a
// rejection whose only complaint is the name, next to the name field, in
// the applicant's language, on the form page and in the JSON alike. The
// page keeps what was typed.
func TestZoneNameMismatch(t *testing.T) {
	h := zoneSite(t, true)
	photo := passportPhoto(t, true)
	for i, lang := range []string{"en", "zh-Hans", "zh-Hant"} {
		t.Run(lang, func(t *testing.T) {
			fields := passportFields("name", "李四")
			w := postPassport(t, h, "/api/authn", fmt.Sprintf("demo-json-%d", i), lang, fields, photo)
			require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
			a := decodeAnswer(t, w)
			assert.Equal(t, "form.invalid", a.Code)
			require.Len(t, a.Violations, 1, "the name, nothing else: %+v", a.Violations)
			v := a.Violations[0]
			assert.Equal(t, "claim.name_mismatch", v.Code, "the demo reads no document of its own: the zone is the document")
			assert.Equal(t, "name", v.Field)
			assert.Equal(t, "reject", v.Severity)
			assert.Contains(t, v.Message, nameMismatch[lang])

			w = postPassport(t, h, "/submit", fmt.Sprintf("demo-page-%d", i), lang, fields, photo)
			require.Equal(t, http.StatusUnprocessableEntity, w.Code)
			page := w.Body.String()
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"), "the page holds what was typed")
			errs := fieldErrors(page, "name")
			require.Len(t, errs, 1, page)
			assert.Contains(t, errs[0], nameMismatch[lang], "next to the name field")
			for _, f := range []string{"", "form", "number", "certificate", "mrz", "region", "kind"} {
				assert.Nil(t, fieldErrors(page, f), "nothing next to %q", f)
			}
			assert.NotContains(t, page, `id="err-form"`)
			assert.Contains(t, page, `id="name" name="name" value="李四"`, "the form keeps what was typed")
			assert.Less(t, strings.Index(page, `id="name"`), strings.Index(page, `id="err-name"`))
			assert.Less(t, strings.Index(page, `id="err-name"`), strings.Index(page, `id="kind"`), "right below the name input")
		})
	}
}

// TestZoneMatches types what 张三's passport says, in characters and in its
// romanization: no check complains, so the verdict is accept, and the case
// waits only for the reviewer's look at the handheld photo (AutoApprove is
// off).
func TestZoneMatches(t *testing.T) {
	h := zoneSite(t, true)
	photo := passportPhoto(t, true)
	for i, name := range []string{"张三", "ZHANG SAN"} {
		w := postPassport(t, h, "/api/authn", fmt.Sprintf("demo-match-%d", i), "en", passportFields("name", name), photo)
		require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
		a := decodeAnswer(t, w)
		assert.Equal(t, "accept", a.Verdict, "%s: %+v", name, a.Signals)
		assert.Equal(t, "submitted", a.State)
		assert.Empty(t, a.Signals, name)
	}
	w := postPassport(t, h, "/submit", "demo-match-page", "en", passportFields(), photo)
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	assert.True(t, strings.HasPrefix(w.Header().Get("Location"), "/status/"))
}

// TestZoneNumberAndDates: a number the zone does not hold is shown next to
// the number field, a region that did not issue the passport next to the
// region field; a birth or expiry date the applicant confirmed that
// the zone contradicts (application.mrz_mismatch) next to that date's
// field, once each, in the applicant's language, and never next to the
// MRZ input the applicant left empty.
func TestZoneNumberAndDates(t *testing.T) {
	h := zoneSite(t, true)
	photo := passportPhoto(t, true)

	w := postPassport(t, h, "/api/authn", "demo-number", "zh-Hans", passportFields("number", "E12345679"), photo)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	a := decodeAnswer(t, w)
	require.Len(t, a.Violations, 1, "%+v", a.Violations)
	assert.Equal(t, "claim.number_mismatch", a.Violations[0].Code)
	assert.Equal(t, "number", a.Violations[0].Field)
	assert.Contains(t, a.Violations[0].Message, "E1*****79", "the typed number, masked")
	assert.NotContains(t, w.Body.String(), "E12345679", "never the whole number")

	w = postPassport(t, h, "/api/authn", "demo-region", "en", passportFields("region", "US"), photo)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	a = decodeAnswer(t, w)
	require.Len(t, a.Violations, 1, "%+v", a.Violations)
	assert.Equal(t, "claim.region_mismatch", a.Violations[0].Code)
	assert.Equal(t, "region", a.Violations[0].Field)

	dates := passportFields("birth", "1990-03-08", "expires", "2034-01-02")
	w = postPassport(t, h, "/api/authn", "demo-dates", "zh-Hant", dates, photo)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	a = decodeAnswer(t, w)
	byField := map[string][]finding{}
	for _, v := range a.Violations {
		byField[v.Field] = append(byField[v.Field], v)
	}
	require.Len(t, byField["birth"], 1, "%+v", a.Violations)
	require.Len(t, byField["expires"], 1, "%+v", a.Violations)
	assert.Empty(t, byField["mrz"], "the applicant typed no zone")
	assert.Equal(t, "application.mrz_mismatch", byField["birth"][0].Code)
	assert.Equal(t, "填寫的出生日期與證件機讀區中的出生日期不一致。請按證件填寫。", byField["birth"][0].Message)
	assert.Equal(t, "application.mrz_mismatch", byField["expires"][0].Code)
	assert.Contains(t, byField["expires"][0].Message, "有效期截止日")

	w = postPassport(t, h, "/submit", "demo-dates-page", "en", dates, photo)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code)
	page := w.Body.String()
	assert.Equal(t, []string{"The date of birth you entered differs from the one in the certificate's machine-readable zone. Enter it as printed on the certificate."},
		fieldErrors(page, "birth"))
	assert.Len(t, fieldErrors(page, "expires"), 1)
	assert.Nil(t, fieldErrors(page, "mrz"))
}

// TestZoneNotFound submits a passport photo without its zone, and one
// whose zone nobody can read (its check digits are wrong): each case waits
// for a reviewer (neither is refused as issued nowhere), and says why next
// to the certificate image, on the status page and in the JSON.
func TestZoneNotFound(t *testing.T) {
	h := zoneSite(t, true)
	photo := passportPhoto(t, false)
	for _, tc := range []struct {
		photo         []byte
		code, message string
	}{
		{photo, "zone.not_found", "No machine-readable zone"},
		{colourPhoto(t, "unreadable.png", true), "zone.unreadable", "could not be read"},
	} {
		w := postPassport(t, h, "/api/authn", "demo-"+tc.code, "en", passportFields(), tc.photo)
		require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
		a := decodeAnswer(t, w)
		assert.Equal(t, "review", a.Verdict)
		var found bool
		for _, s := range a.Signals {
			assert.NotEqual(t, "certificate.region_unknown", s.Code)
			if s.Code == tc.code {
				found = true
				assert.Equal(t, "certificate", s.Field, "the certificate upload")
				assert.Contains(t, s.Message, tc.message)
			}
		}
		assert.True(t, found, "%s in %+v", tc.code, a.Signals)
	}

	w := postPassport(t, h, "/submit", "demo-nozone-page", "zh-Hans", passportFields(), photo)
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	r := httptest.NewRequest(http.MethodGet, w.Header().Get("Location"), nil)
	r.Header.Set("Accept-Language", "zh-Hans")
	r.AddCookie(&http.Cookie{Name: accountCookie, Value: "demo-nozone-page"})
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	require.Equal(t, http.StatusOK, w.Code)
	m := regexp.MustCompile(`<li data-code="zone.not_found" data-field="certificate">(.*?)</li>`).FindStringSubmatch(w.Body.String())
	require.NotNil(t, m, w.Body.String())
	assert.Contains(t, m[1], `<span class="field">证件图片:</span>`, "named by its input")
	assert.Contains(t, m[1], "护照图片中未找到机读区")
}

// TestReadZoneFlag: formserver reads zones unless -read-zone=false; off,
// a passport photo is not read, and its case waits for a reviewer who
// compares the name, rather than being refused as issued nowhere.
func TestReadZoneFlag(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		readers int
	}{
		{nil, 1},
		{[]string{"-read-zone=false"}, 0},
	} {
		c, err := parseFlags(tc.args)
		require.NoError(t, err)
		zone, err := zoneOptions(c.readZone, zoneClock)
		require.NoError(t, err)
		v, err := authn.NewVerifier(zone...)
		require.NoError(t, err)
		var readers []evidence.ImageReader = v.EvidenceOptions().Readers
		assert.Len(t, readers, tc.readers, "%v", tc.args)
	}
	_, err := parseFlags([]string{"stray"})
	assert.Error(t, err)

	h := zoneSite(t, false)
	w := postPassport(t, h, "/api/authn", "demo-off", "en", passportFields("name", "李四"), passportPhoto(t, true))
	require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
	a := decodeAnswer(t, w)
	assert.Equal(t, "review", a.Verdict)
	var codes []string
	for _, s := range a.Signals {
		codes = append(codes, s.Code)
	}
	assert.Contains(t, codes, "claim.name_unverified", "a reviewer compares the name")
	assert.NotContains(t, codes, "zone.not_found", "nothing looked for a zone")
}
