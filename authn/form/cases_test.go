package form_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/authn/review"
)

func getStatus(h *form.Handler, id, account, lang string) *httptest.ResponseRecorder {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /authn/{case}", h.ServeStatus)
	r := httptest.NewRequest(http.MethodGet, "/authn/"+id, nil)
	if account != "" {
		r.Header.Set("X-Account", account)
	}
	if lang != "" {
		r.Header.Set("Accept-Language", lang)
	}
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	return w
}

// TestOnePendingCasePerAccount: a second submission while the first is
// pending gets the first case back with 409, and takes no second slot or
// case. Before, every submission opened a case of its own.
func TestOnePendingCasePerAccount(t *testing.T) {
	h, _ := newHandler(t)
	body, ct, _ := validBody(t, 70, nil)
	w := post(h, body, ct, "acct-twice", "")
	require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
	var first form.Status
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &first))
	require.NotEmpty(t, first.Case)

	body, ct, _ = validBody(t, 70, nil)
	w = post(h, body, ct, "acct-twice", "zh-CN")
	require.Equal(t, http.StatusConflict, w.Code, w.Body.String())
	var p form.Problem
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &p))
	assert.Equal(t, form.CodePending, p.Code)
	require.NotNil(t, p.Review)
	assert.Equal(t, first.Case, p.Review.Case, "the pending case comes back")
	assert.Contains(t, p.Detail, "审核")
}

// TestStatusPage: the applicant reads their case by ID; another account
// cannot, and is not told whether the case exists. Every answer is
// no-store.
func TestStatusPage(t *testing.T) {
	h, _ := newHandler(t)
	body, ct, _ := validBody(t, 71, nil)
	w := post(h, body, ct, "acct-owner", "")
	require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
	var st form.Status
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &st))

	w = getStatus(h, st.Case, "acct-owner", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	var got form.Status
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	assert.Equal(t, st.Case, got.Case)
	assert.Equal(t, "submitted", got.State)
	assert.Equal(t, st.Number, got.Number, "masked")

	for _, tc := range []struct {
		reason, id, account string
		status              int
	}{
		{"another account's case", st.Case, "acct-other", http.StatusNotFound},
		{"a case that does not exist", "nosuchcase", "acct-owner", http.StatusNotFound},
		{"no session", st.Case, "", http.StatusUnauthorized},
	} {
		w := getStatus(h, tc.id, tc.account, "")
		assert.Equal(t, tc.status, w.Code, tc.reason)
		assert.Equal(t, "no-store", w.Header().Get("Cache-Control"), tc.reason)
		assert.NotContains(t, w.Body.String(), `"state"`, "%s: nothing of the case leaks", tc.reason)
	}
}

// TestRetryThroughTheForm: after a rejection the applicant submits again
// with retry_of naming the rejected case; the new case links to it. Only a
// rejected case of the account's own may be retried.
func TestRetryThroughTheForm(t *testing.T) {
	var v *authn.Verifier
	h, _ := newHandler(t, func(o *form.Options) { v = o.Verifier })
	body, ct, _ := validBody(t, 72, set("name", ""))
	w := post(h, body, ct, "acct-retry", "")
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, "a field error is refused before any case")

	body, ct, _ = validBody(t, 72, nil)
	w = post(h, body, ct, "acct-retry", "")
	require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
	var st form.Status
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &st))

	body, ct, _ = validBody(t, 72, add("retry_of", st.Case))
	w = post(h, body, ct, "acct-retry", "")
	require.Equal(t, http.StatusConflict, w.Code, "the case is still pending: %s", w.Body.String())

	_, err := v.Reject(context.Background(), st.Case, "reviewer-1", review.Reason(review.CodeHeadwear, "handheld"))
	require.NoError(t, err)
	w = getStatus(h, st.Case, "acct-retry", "zh-CN")
	require.Equal(t, http.StatusOK, w.Code)
	var rejected form.Status
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &rejected))
	assert.Equal(t, "rejected", rejected.State)
	require.Len(t, rejected.Reasons, 1)
	assert.Contains(t, rejected.Reasons[0].Message, "帽子", "the reason in the applicant's language")

	body, ct, _ = validBody(t, 72, add("retry_of", st.Case))
	w = post(h, body, ct, "acct-other", "")
	assert.Equal(t, http.StatusNotFound, w.Code, "another account cannot retry this case: %s", w.Body.String())

	body, ct, _ = validBody(t, 72, add("retry_of", st.Case))
	w = post(h, body, ct, "acct-retry", "")
	require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
	var again form.Status
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &again))
	assert.Equal(t, st.Case, again.Previous, "the retry links to the rejected case")
	assert.Equal(t, 2, again.Attempt)
}

func add(name, value string) func([]string) []string {
	return func(f []string) []string { return append(f, name, value) }
}
