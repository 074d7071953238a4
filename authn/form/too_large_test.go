package form_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTooLargeReadsAsSizes: the answer to an oversized form gives the
// limits as people write them — 20 MB for the form, 10 MB for each file —
// never the byte count, in every language, whether the declared length or
// the body itself is over the limit.
func TestTooLargeReadsAsSizes(t *testing.T) {
	h, _ := newHandler(t)
	require.Equal(t, int64(21_004_290), h.MaxBodyBytes(), "the default limits")
	for _, tc := range []struct {
		lang, want string
	}{
		{"en", "The submission is larger than 20 MB. Upload smaller files, at most 10 MB each."},
		{"zh-CN", "提交内容超过 20 MB。请上传较小的文件，每个不超过 10 MB。"},
		{"zh-TW", "提交內容超過 20 MB。請上傳較小的檔案，每個不超過 10 MB。"},
	} {
		// declared too long: refused before anything is read
		body, ct := raw(field("name", "x"))
		r := httptest.NewRequest(http.MethodPost, "/authn", body)
		r.Header.Set("Content-Type", ct)
		r.Header.Set("X-Account", "a")
		r.Header.Set("Accept-Language", tc.lang)
		r.ContentLength = h.MaxBodyBytes() + 1
		out := h.Process(httptest.NewRecorder(), r)
		require.Equal(t, http.StatusRequestEntityTooLarge, out.HTTPStatus)
		require.NotNil(t, out.Problem)
		assert.Equal(t, tc.want, out.Problem.Detail, tc.lang)
		assert.NotRegexp(t, `\d{7,}`, out.Problem.Detail, "no byte count")
	}

	// sent without a length: the limit holds while reading
	big := "Content-Disposition: form-data; name=\"certificate\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n" + strings.Repeat("A", 11<<20)
	body, ct := raw(big, strings.Replace(big, `"certificate"`, `"handheld"`, 1))
	r := httptest.NewRequest(http.MethodPost, "/authn", body)
	r.Header.Set("Content-Type", ct)
	r.Header.Set("X-Account", "a")
	r.Header.Set("Accept-Language", "zh-CN")
	r.ContentLength = -1
	out := h.Process(httptest.NewRecorder(), r)
	require.Equal(t, http.StatusRequestEntityTooLarge, out.HTTPStatus)
	assert.Equal(t, "提交内容超过 20 MB。请上传较小的文件，每个不超过 10 MB。", out.Problem.Detail)
}
