package form_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
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
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

var now = time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newHandler(t testing.TB, opts ...func(*form.Options)) (*form.Handler, *logBuffer) {
	t.Helper()
	keys, err := binding.NewKeyring(binding.Secret{ID: "k1", Bytes: []byte("0123456789abcdef0123456789abcdef")})
	require.NoError(t, err)
	b, err := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: certificate.Clock{Now: clock}})
	require.NoError(t, err)
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}), authn.WithBinder(b))
	require.NoError(t, err)
	logs := &logBuffer{}
	o := form.Options{
		Verifier: v,
		Account: func(r *http.Request) (precaution.Account, error) {
			id := r.Header.Get("X-Account")
			if id == "" {
				return precaution.Account{}, fmt.Errorf("no X-Account header: %w", form.ErrNoSession)
			}
			return precaution.Account{ID: id, RegistrationRegion: language.MustParseRegion("CN")}, nil
		},
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	}
	for _, f := range opts {
		f(&o)
	}
	h, err := form.New(o)
	require.NoError(t, err)
	return h, logs
}

// reads makes the handler's document function return d, as a site's OCR
// service that read the certificate would.
func reads(d precaution.Document) func(*form.Options) {
	return func(o *form.Options) {
		o.Document = func(context.Context, *form.Submission) (precaution.Document, error) { return d, nil }
	}
}

func validBody(t testing.TB, seed uint64, change func(fields []string) []string) (io.Reader, string, *authn.Application) {
	t.Helper()
	app, err := authntest.Application(authntest.Options{Seed: seed})
	require.NoError(t, err)
	fields := authntest.FormFields(app)
	if change != nil {
		fields = change(fields)
	}
	body, ct, err := authntest.Form(fields, authntest.FormFiles(seed)...)
	require.NoError(t, err)
	return body, ct, app
}

func post(h http.Handler, body io.Reader, ct, account, lang string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/authn", body)
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	if account != "" {
		r.Header.Set("X-Account", account)
	}
	if lang != "" {
		r.Header.Set("Accept-Language", lang)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func set(name, value string) func([]string) []string {
	return func(f []string) []string {
		for i := 0; i+1 < len(f); i += 2 {
			if f[i] == name {
				f[i+1] = value
				return f
			}
		}
		return append(f, name, value)
	}
}

func TestAccepted(t *testing.T) {
	body, ct, app := validBody(t, 1, nil)
	h, logs := newHandler(t, reads(app.Document))
	w := post(h, body, ct, "acct-1", "zh-CN")
	require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
	assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
	var st struct{ Verdict, State, Due, Case string }
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &st))
	assert.Equal(t, "accept", st.Verdict)
	assert.Equal(t, "submitted", st.State)
	assert.Equal(t, "2026-03-13", st.Due, "3 working days after Tuesday 10 March 2026")
	assert.NotEmpty(t, st.Case)
	assert.NotContains(t, w.Body.String(), app.Claim.Number, "the response masks the number")
	assert.Contains(t, logs.String(), `"verdict":"accept"`)
	assert.NotContains(t, logs.String(), app.Claim.Number, "logs mask the number")
}

type problem struct {
	Type, Title, Detail, Code string
	Status                    int
	Violations                []struct {
		Code, Field, Message string
		Severity             string
	}
}

func decodeProblem(t *testing.T, w *httptest.ResponseRecorder) problem {
	t.Helper()
	assert.Equal(t, "application/problem+json", w.Header().Get("Content-Type"))
	var p problem
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &p), w.Body.String())
	assert.Equal(t, w.Code, p.Status)
	assert.True(t, strings.HasSuffix(p.Type, p.Code), "type names the code")
	assert.NotEmpty(t, p.Detail)
	return p
}

func TestRejectedPerFieldLocalized(t *testing.T) {
	tests := []struct {
		reason string
		change func([]string) []string
		read   func(*precaution.Document) // what the OCR read, when it differs from the valid card
		lang   string
		field  string
		code   string
		text   string // a fragment of the localized message
	}{
		{"wrong check digit, in Simplified Chinese", func(f []string) []string {
			n := f[7]
			return set("number", n[:17]+map[bool]string{true: "0", false: "1"}[n[17] != '0'])(f)
		}, nil, "zh-CN,zh;q=0.9", "number", "number.invalid_checksum", ""},
		{"expired certificate, in Traditional Chinese", nil, func(d *precaution.Document) {
			d.Validity = certificate.Validity{Issued: certificate.Date{Year: 2015, Month: 1, Day: 1}, Expires: certificate.Date{Year: 2025, Month: 1, Day: 1}}
		}, "zh-TW", "expires", "certificate.expired", "過期"},
		{"another name read from the card, in English", nil, func(d *precaution.Document) { d.Name = "李四" }, "en", "name", "claim.name_mismatch", "does not match"},
		{"a name with a zero-width character, in English", set("name", "张\u200b三"), nil, "en-GB", "name", "name.invisible_character", ""},
		{"a missing kind", set("kind", ""), nil, "", "kind", "field.required", ""},
		{"an unknown kind", set("kind", "library_card"), nil, "", "kind", "claim.kind_invalid", ""},
		{"a malformed date", set("expires", "2040/05/01"), nil, "", "expires", "field.invalid_date", ""},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			body, ct, app := validBody(t, 2, tc.change)
			doc := app.Document
			if tc.read != nil {
				tc.read(&doc)
			}
			h, _ := newHandler(t, reads(doc))
			w := post(h, body, ct, "acct-2", tc.lang)
			require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
			p := decodeProblem(t, w)
			var found bool
			for _, v := range p.Violations {
				if v.Code == tc.code {
					found = true
					assert.Equal(t, tc.field, v.Field)
					assert.NotEqual(t, v.Code, v.Message, "message is localized text, not the code")
					if tc.text != "" {
						assert.Contains(t, v.Message, tc.text)
					}
				}
			}
			assert.True(t, found, "violation %s in %+v", tc.code, p.Violations)
		})
	}
}

func TestRejectedFile(t *testing.T) {
	app, err := authntest.Application(authntest.Options{Seed: 3})
	require.NoError(t, err)
	h, _ := newHandler(t, reads(app.Document))
	body, ct, err := authntest.Form(authntest.FormFields(app),
		authntest.FormFile{Field: "certificate", Name: "card.png", ContentType: "image/png", Body: bytes.NewReader(authntest.CertificatePNG(3))},
		authntest.FormFile{Field: "handheld", Name: "me.jpg.exe", ContentType: "image/jpeg", Body: strings.NewReader("MZ\x90\x00 not a photo")},
	)
	require.NoError(t, err)
	w := post(h, body, ct, "acct-3", "")
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	p := decodeProblem(t, w)
	require.NotEmpty(t, p.Violations)
	for _, v := range p.Violations {
		assert.Equal(t, "handheld", v.Field)
	}
}

// hostile builds raw multipart bodies.
func raw(parts ...string) (io.Reader, string) {
	const boundary = "XyZ"
	var b strings.Builder
	for _, p := range parts {
		b.WriteString("--" + boundary + "\r\n" + p + "\r\n")
	}
	b.WriteString("--" + boundary + "--\r\n")
	return strings.NewReader(b.String()), "multipart/form-data; boundary=" + boundary
}

func field(name, value string) string {
	return fmt.Sprintf("Content-Disposition: form-data; name=%q\r\n\r\n%s", name, value)
}

func TestHostileForms(t *testing.T) {
	manyBody, manyCT := raw(field("name", "x"), field("kind", "id_card"), field("number", "1"), field("region", "CN"), field("issued", "2020-01-01"))
	tests := []struct {
		reason  string
		method  string
		body    func() (io.Reader, string)
		account string
		status  int
		code    string
	}{
		{"GET is not allowed", http.MethodGet, func() (io.Reader, string) { return nil, "" }, "a", 405, "form.method_not_allowed"},
		{"no account", "", func() (io.Reader, string) { return raw(field("name", "x")) }, "-", 401, "form.unauthorized"},
		{"JSON instead of multipart", "", func() (io.Reader, string) { return strings.NewReader(`{"name":"x"}`), "application/json" }, "a", 415, "form.not_multipart"},
		{"urlencoded instead of multipart", "", func() (io.Reader, string) { return strings.NewReader("name=x"), "application/x-www-form-urlencoded" }, "a", 415, "form.not_multipart"},
		{"multipart without boundary", "", func() (io.Reader, string) { return strings.NewReader("x"), "multipart/form-data" }, "a", 415, "form.not_multipart"},
		{"garbage body", "", func() (io.Reader, string) { return strings.NewReader("garbage"), "multipart/form-data; boundary=XyZ" }, "a", 400, "form.malformed"},
		{"truncated body", "", func() (io.Reader, string) {
			return strings.NewReader("--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nabc"), "multipart/form-data; boundary=XyZ"
		}, "a", 400, "form.malformed"},
		{"a huge field value", "", func() (io.Reader, string) { return raw(field("name", strings.Repeat("x", 100000))) }, "a", 400, "form.field_too_long"},
		{"too many parts", "", func() (io.Reader, string) { return manyBody, manyCT }, "a", 400, "form.too_many_parts"},
		{"duplicate parts", "", func() (io.Reader, string) { return raw(field("name", "a"), field("name", "b")) }, "a", 400, "form.duplicate_part"},
		{"an unknown part", "", func() (io.Reader, string) { return raw(field("account_id", "admin")) }, "a", 400, "form.unknown_part"},
		{"text where a file belongs", "", func() (io.Reader, string) { return raw(field("certificate", "abc")) }, "a", 400, "form.file_expected"},
		{"a file where text belongs", "", func() (io.Reader, string) {
			return raw("Content-Disposition: form-data; name=\"name\"; filename=\"n.txt\"\r\nContent-Type: text/plain\r\n\r\nabc")
		}, "a", 400, "form.file_expected"},
		{"missing parts: only a name", "", func() (io.Reader, string) { return raw(field("name", "张三")) }, "a", 422, "form.invalid"},
		{"a body far over the limit", "", func() (io.Reader, string) {
			big := "Content-Disposition: form-data; name=\"certificate\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n" + strings.Repeat("A", 25<<20)
			return raw(big, big)
		}, "a", 413, "form.too_large"},
	}
	h, _ := newHandler(t, func(o *form.Options) { o.MaxParts = 4 })
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			body, ct := tc.body()
			method := tc.method
			if method == "" {
				method = http.MethodPost
			}
			r := httptest.NewRequest(method, "/authn", body)
			if ct != "" {
				r.Header.Set("Content-Type", ct)
			}
			if tc.account != "-" {
				r.Header.Set("X-Account", tc.account)
			}
			r.ContentLength = -1 // as with chunked uploads: the limit must hold while reading
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			require.Equal(t, tc.status, w.Code, w.Body.String())
			p := decodeProblem(t, w)
			assert.Equal(t, tc.code, p.Code)
			if tc.status == 405 {
				assert.Equal(t, "POST", w.Header().Get("Allow"))
			}
		})
	}
}

func TestAccountNeverFromTheForm(t *testing.T) {
	h, _ := newHandler(t)
	body, ct := raw(field("account", "someone-else"))
	w := post(h, body, ct, "acct-9", "")
	assert.Equal(t, http.StatusBadRequest, w.Code)
}

func TestUnavailableIsNot4xx(t *testing.T) {
	h, _ := newHandler(t, func(o *form.Options) {
		o.Document = func(context.Context, *form.Submission) (precaution.Document, error) {
			return precaution.Document{}, errors.New("OCR down")
		}
	})
	body, ct, _ := validBody(t, 4, nil)
	w := post(h, body, ct, "acct-4", "")
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Equal(t, "form.unavailable", decodeProblem(t, w).Code)
}

func TestProcessForOwnRouter(t *testing.T) {
	h, _ := newHandler(t)
	body, ct, _ := validBody(t, 5, nil)
	r := httptest.NewRequest(http.MethodPost, "/x", body)
	r.Header.Set("Content-Type", ct)
	r.Header.Set("X-Account", "acct-5")
	out := h.Process(nil, r)
	require.Equal(t, http.StatusAccepted, out.HTTPStatus)
	require.NotNil(t, out.Status)
	require.NotNil(t, out.Report)
	assert.Equal(t, "张三", out.Submission.Fields.Name)
	assert.Equal(t, certificate.IDCard, out.Report.Number.Kind())
}

func TestNewConfigErrors(t *testing.T) {
	_, err := form.New(form.Options{})
	var ce *rules.ConfigError
	require.ErrorAs(t, err, &ce)
}

func FuzzHandler(f *testing.F) {
	// Seeds: a valid small form, a truncated one, a duplicate, an empty body.
	f.Add([]byte("--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n张三\r\n--XyZ--\r\n"))
	f.Add([]byte("--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nabc"))
	f.Add([]byte("--XyZ\r\nContent-Disposition: form-data; name=\"certificate\"; filename=\"a.png\"\r\n\r\n\x89PNG\r\n\x1a\n\r\n--XyZ--\r\n"))
	f.Add([]byte(""))
	h, _ := newHandler(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		w := post(h, bytes.NewReader(body), "multipart/form-data; boundary=XyZ", "fuzz", "")
		if w.Code >= 500 {
			t.Fatalf("status %d for a hostile form: %s", w.Code, w.Body.String())
		}
	})
}

// TestLogsNeverHoldTheNumber submits forms that end in every kind of outcome
// and checks that neither the captured slog output nor the response holds
// the full number typed, however it was spaced.
func TestLogsNeverHoldTheNumber(t *testing.T) {
	flip := func(f []string) []string {
		n := f[7]
		return set("number", n[:17]+map[bool]string{true: "0", false: "1"}[n[17] != '0'])(f)
	}
	tests := []struct {
		reason string
		change func([]string) []string
		docErr bool
		status int
	}{
		{"accepted", nil, false, http.StatusAccepted},
		{"rejected for a wrong check digit", flip, false, http.StatusUnprocessableEntity},
		{"invalid form with a number but no kind", set("kind", ""), false, http.StatusUnprocessableEntity},
		{"a malformed date beside the number", set("expires", "2040/05/01"), false, http.StatusUnprocessableEntity},
		{"the document reader failing", nil, true, http.StatusServiceUnavailable},
	}
	for i, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			h, logs := newHandler(t, func(o *form.Options) {
				if tc.docErr {
					o.Document = func(context.Context, *form.Submission) (precaution.Document, error) {
						return precaution.Document{}, errors.New("OCR down")
					}
				}
			})
			var typed string
			body, ct, _ := validBody(t, uint64(20+i), func(f []string) []string {
				if tc.change != nil {
					f = tc.change(f)
				}
				typed = f[7]
				return f
			})
			require.Len(t, typed, 18, "field 7 is the number")
			w := post(h, body, ct, fmt.Sprintf("acct-log-%d", i), "")
			require.Equal(t, tc.status, w.Code, w.Body.String())
			require.NotEmpty(t, logs.String(), "the decision was logged")
			if tc.status != http.StatusServiceUnavailable {
				assert.Contains(t, logs.String(), `"number":"`, "the log names the number, masked")
			}
			assert.NotContains(t, logs.String(), typed, "logs mask the number")
			assert.NotContains(t, logs.String(), typed[4:14], "not even the masked middle leaks")
			assert.NotContains(t, w.Body.String(), typed, "the response masks the number")
		})
	}
}

// newVerifier returns a verifier on the tests' clock with a memory binding
// store (or store, when given) and the options.
func newVerifier(t testing.TB, store binding.Store, opts ...authn.Option) *authn.Verifier {
	t.Helper()
	if store == nil {
		store = binding.NewMemory()
	}
	keys, err := binding.NewKeyring(binding.Secret{ID: "k1", Bytes: []byte("0123456789abcdef0123456789abcdef")})
	require.NoError(t, err)
	b, err := binding.NewBinder(store, keys, binding.BinderOptions{Clock: certificate.Clock{Now: clock}})
	require.NoError(t, err)
	v, err := authn.NewVerifier(append([]authn.Option{authn.WithClock(certificate.Clock{Now: clock}), authn.WithBinder(b)}, opts...)...)
	require.NoError(t, err)
	return v
}

// TestNoDocumentNeverAccepted submits 李四 with 张三's card and no document
// function: nothing read the card, so the typed name and number are
// compared with nothing, the match checks are skipped with a note and their
// review violations kept, and the submission waits for a person even when
// the policy approves clean applications automatically.
func TestNoDocumentNeverAccepted(t *testing.T) {
	auto := authn.DefaultPolicy()
	auto.AutoApprove = true
	for _, tc := range []struct {
		reason string
		policy authn.Policy
	}{
		{"default policy", authn.DefaultPolicy()},
		{"automatic approval", auto},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			v := newVerifier(t, nil, authn.WithPolicy(tc.policy))
			h, _ := newHandler(t, func(o *form.Options) { o.Verifier = v })
			body, ct, _ := validBody(t, 30, set("name", "李四"))
			r := httptest.NewRequest(http.MethodPost, "/authn", body)
			r.Header.Set("Content-Type", ct)
			r.Header.Set("X-Account", "acct-30")
			out := h.Process(nil, r)

			require.Equal(t, http.StatusAccepted, out.HTTPStatus, "%+v", out.Problem)
			require.NotNil(t, out.Report)
			assert.Equal(t, rules.NeedsReview, out.Report.Verdict, "never accept: nothing compared the name with the card")
			assert.Equal(t, rules.NeedsReview, out.Status.Verdict)
			assert.Equal(t, "submitted", out.Status.State, "a person decides")
			assert.ElementsMatch(t, []rules.Code{precaution.CodeNameUnverified, precaution.CodeNumberUnverified}, out.Report.Codes())
			for _, name := range []string{authn.CheckNameMatch, authn.CheckNumberMatch} {
				c, ok := out.Report.Check(name)
				require.True(t, ok, name)
				assert.Equal(t, authn.Skip, c.Outcome, name)
				assert.Equal(t, "nothing read the certificate", c.Note, name)
				assert.Equal(t, rules.NeedsReview, c.Verdict, name)
			}
			require.NotNil(t, out.Report.Binding)
			assert.Equal(t, binding.Pending, out.Report.Binding.State, "the slot waits for the reviewer's decision")
		})
	}
}

// record is one log record as a recordingHandler saw it.
type record struct {
	level slog.Level
	msg   string
	attrs map[string]string
}

// recordingHandler is a slog handler that keeps every record, with its
// attribute values resolved (LogValuer) and formatted.
type recordingHandler struct {
	mu      sync.Mutex
	records []record
}

func (*recordingHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *recordingHandler) Handle(_ context.Context, r slog.Record) error {
	rec := record{level: r.Level, msg: r.Message, attrs: map[string]string{}}
	r.Attrs(func(a slog.Attr) bool {
		rec.attrs[a.Key] = a.Value.Resolve().String()
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, rec)
	return nil
}

func (h *recordingHandler) WithAttrs([]slog.Attr) slog.Handler { panic("not used by the handler") }
func (h *recordingHandler) WithGroup(string) slog.Handler      { panic("not used by the handler") }

func (h *recordingHandler) all() []record {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]record(nil), h.records...)
}

// failingStore is a binding and case store whose database is down for
// writes.
type failingStore struct{ *binding.Memory }

func (failingStore) Open(context.Context, *review.Case, *review.SlotRequest) (review.SlotResult, error) {
	return review.SlotResult{}, errors.New("database down")
}

// TestErrorsAnswerAndLog checks each way the handler meets an error: no
// session is 401 and an ordinary decision; a session store, a document
// reader or a binding store that fails is 503, logged at Error level with
// its cause and never with the full number.
func TestErrorsAnswerAndLog(t *testing.T) {
	account := func(err error) func(*form.Options) {
		return func(o *form.Options) {
			o.Account = func(*http.Request) (precaution.Account, error) {
				return precaution.Account{ID: "acct-err", RegistrationRegion: language.MustParseRegion("CN")}, err
			}
		}
	}
	tests := []struct {
		reason string
		opt    func(*form.Options)
		status int
		code   string
		level  slog.Level
		cause  string // a fragment of the logged cause; "" for none
	}{
		{"no session", account(form.ErrNoSession), http.StatusUnauthorized, "form.unauthorized", slog.LevelInfo, ""},
		{"no session, wrapped", account(fmt.Errorf("cookie expired: %w", form.ErrNoSession)), http.StatusUnauthorized, "form.unauthorized", slog.LevelInfo, ""},
		{"an account without an ID", func(o *form.Options) {
			o.Account = func(*http.Request) (precaution.Account, error) { return precaution.Account{}, nil }
		}, http.StatusUnauthorized, "form.unauthorized", slog.LevelInfo, ""},
		{"the session store is down", account(errors.New("session store: connection refused")), http.StatusServiceUnavailable, "form.unavailable", slog.LevelError, "account: session store: connection refused"},
		{"the document reader is down", func(o *form.Options) {
			o.Document = func(context.Context, *form.Submission) (precaution.Document, error) {
				return precaution.Document{}, errors.New("OCR service: timeout")
			}
		}, http.StatusServiceUnavailable, "form.unavailable", slog.LevelError, "document: OCR service: timeout"},
		{"the binding store is down", func(o *form.Options) {
			o.Verifier = newVerifier(t, failingStore{binding.NewMemory()})
		}, http.StatusServiceUnavailable, "form.unavailable", slog.LevelError, "database down"},
	}
	for i, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			rec := &recordingHandler{}
			h, _ := newHandler(t, func(o *form.Options) { o.Logger = slog.New(rec) }, tc.opt)
			body, ct, app := validBody(t, uint64(40+i), nil)
			w := post(h, body, ct, "acct-err", "")
			require.Equal(t, tc.status, w.Code, w.Body.String())
			assert.Equal(t, tc.code, decodeProblem(t, w).Code)
			assert.NotContains(t, w.Body.String(), "down", "the cause is not shown to the applicant")

			logs := rec.all()
			require.Len(t, logs, 1, "one record per decision")
			r := logs[0]
			assert.Equal(t, tc.level, r.level)
			assert.Equal(t, "form: decision", r.msg)
			assert.Equal(t, strconv.Itoa(tc.status), r.attrs["status"])
			assert.Equal(t, tc.code, r.attrs["code"])
			if tc.cause == "" {
				assert.NotContains(t, r.attrs, "err")
			} else {
				assert.Contains(t, r.attrs["err"], tc.cause)
			}
			for k, v := range r.attrs {
				assert.NotContains(t, v, app.Claim.Number, "attribute %s holds the full number", k)
			}
			if n, ok := r.attrs["number"]; ok {
				assert.Equal(t, certificate.Mask(app.Claim.Number), n, "the number is logged masked")
			}
		})
	}
}

// statusInUTC returns s with its times in UTC: JSON keeps a time's offset
// but not its zone's name.
func statusInUTC(s *form.Status) *form.Status {
	if s == nil {
		return nil
	}
	c := *s
	c.Submitted, c.DueAt = c.Submitted.UTC(), c.DueAt.UTC()
	return &c
}

// TestAnswersJSONRoundTrip decodes the bodies the handler writes, a 202
// status with signals and a 422 problem with its rejected case, back into
// Status and Problem: they equal what the handler answered, and encode to
// the same bytes.
func TestAnswersJSONRoundTrip(t *testing.T) {
	process := func(h *form.Handler, body io.Reader, ct string) (*form.Outcome, []byte) {
		r := httptest.NewRequest(http.MethodPost, "/authn", body)
		r.Header.Set("Content-Type", ct)
		r.Header.Set("X-Account", "acct-70")
		r.Header.Set("Accept-Language", "zh-TW")
		out := h.Process(nil, r)
		w := httptest.NewRecorder()
		h.Write(w, out)
		return out, w.Body.Bytes()
	}

	// Nothing read: 202 with two review signals and the masked number.
	h, _ := newHandler(t)
	body, ct, app := validBody(t, 70, nil)
	out, b := process(h, body, ct)
	require.Equal(t, http.StatusAccepted, out.HTTPStatus, string(b))
	require.Len(t, out.Status.Signals, 2)
	assert.Equal(t, certificate.Mask(app.Claim.Number), out.Status.Number)
	var st form.Status
	require.NoError(t, json.Unmarshal(b, &st), string(b))
	assert.Equal(t, statusInUTC(out.Status), statusInUTC(&st))
	again, err := json.Marshal(&st)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))
	assert.NotContains(t, string(b), app.Claim.Number)

	// Another name on the card: 422 with the violations and the rejected case.
	doc := app.Document
	doc.Name = "李四"
	h, _ = newHandler(t, reads(doc))
	body, ct, _ = validBody(t, 70, nil)
	out, b = process(h, body, ct)
	require.Equal(t, http.StatusUnprocessableEntity, out.HTTPStatus, string(b))
	require.NotNil(t, out.Problem.Review)
	require.NotEmpty(t, out.Problem.Violations)
	var p form.Problem
	require.NoError(t, json.Unmarshal(b, &p), string(b))
	again, err = json.Marshal(&p)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))
	want := *out.Problem
	want.Review = statusInUTC(want.Review)
	p.Review = statusInUTC(p.Review)
	assert.Equal(t, want, p)
}
