package unittest_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/certtest"
	"github.com/realname-go/realname/examples/unittest"
	"github.com/realname-go/realname/rules/precaution"
)

// newService builds the service as production does, but with an in-memory
// binding store, a fixed clock (Tuesday 10 March 2026 in Shanghai), and what
// the OCR step read for each account.
func newService(t *testing.T, documents unittest.Documents) http.Handler {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }
	keys, err := binding.NewKeyring(binding.NewSecret([]byte("unit test secret, not for production")))
	require.NoError(t, err)
	b, err := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: certificate.Clock{Now: now}})
	require.NoError(t, err)
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: now}), authn.WithBinder(b))
	require.NoError(t, err)
	h, err := unittest.NewService(v, unittest.Sessions{
		"token-1": {ID: "acct-1", RegistrationRegion: unittest.CN()},
		"token-2": {ID: "acct-2", RegistrationRegion: unittest.CN(), PartnerProgram: true},
		"token-3": {ID: "acct-3", RegistrationRegion: unittest.CN()},
		"token-4": {ID: "acct-4", RegistrationRegion: unittest.CN()},
	}, documents)
	require.NoError(t, err)
	return h
}

func submit(t *testing.T, h http.Handler, token string, fields []string, seed uint64) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	body, ct, err := authntest.Form(fields, authntest.FormFiles(seed)...)
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodPost, "/v1/authn", body)
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Authorization", "Bearer "+token)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var out map[string]any
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &out), w.Body.String())
	return w, out
}

func TestServiceAuthentication(t *testing.T) {
	app, err := authntest.Application(authntest.Options{Seed: 1})
	require.NoError(t, err)
	// A legacy 15-digit number from certtest, on a long-term card issued
	// at 47 (long-term validity needs 46 or older at issuance).
	birth := certificate.Date{Year: 1970, Month: 1, Day: 2}
	n15, err := certtest.CNResidentIDLegacy(5, birth, certificate.Female, "110105")
	require.NoError(t, err)
	legacy := precaution.Document{Kind: certificate.IDCard, Number: n15, Name: "王五", Birth: birth, Sex: certificate.Female,
		Validity: certificate.Validity{Issued: certificate.Date{Year: 2018, Month: 1, Day: 1}, LongTerm: true}}
	h := newService(t, unittest.Documents{"acct-1": app.Document, "acct-2": app.Document, "acct-3": legacy})

	// A valid application from the fixtures, read by the OCR step: accepted,
	// waiting for review.
	w, out := submit(t, h, "token-1", authntest.FormFields(app), 1)
	require.Equal(t, http.StatusAccepted, w.Code)
	assert.Equal(t, "accept", out["verdict"])
	assert.Equal(t, "submitted", out["state"])
	assert.Equal(t, "2026-03-13", out["due"])

	fields := []string{"name", "王五", "kind", "id_card", "region", "CN", "number", n15,
		"issued", "2018-01-01", "long_term", "true", "birth", birth.String()}
	w, out = submit(t, h, "token-3", fields, 2)
	require.Equal(t, http.StatusAccepted, w.Code, out)
	assert.Equal(t, "accept", out["verdict"])

	// Nothing read acct-4's certificate: never accepted, a reviewer compares
	// the name and number with the photos.
	w, out = submit(t, h, "token-4", authntest.FormFields(app), 1)
	require.Equal(t, http.StatusAccepted, w.Code, out)
	assert.Equal(t, "review", out["verdict"])
	assert.Equal(t, "submitted", out["state"])

	// A partner-program account is refused with a problem the page can show.
	w, out = submit(t, h, "token-2", authntest.FormFields(app), 1)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code)
	assert.Equal(t, "application/problem+json", w.Header().Get("Content-Type"))
	codes := []string{}
	for _, v := range out["violations"].([]any) {
		codes = append(codes, v.(map[string]any)["code"].(string))
	}
	assert.Contains(t, codes, string(precaution.CodePartnerProgram))

	// No session, no authentication.
	w, _ = submit(t, h, "nobody", authntest.FormFields(app), 1)
	assert.Equal(t, http.StatusUnauthorized, w.Code)
}
