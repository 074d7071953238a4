package form

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/precaution"
	"github.com/realname-go/realname/rules/tags"
)

// Fields are the text fields of the form, by their form names. Kind,
// Number, Name and Region are the claim: what the applicant typed. The
// others are what the applicant confirmed of the certificate (dates as
// YYYY-MM-DD, "true" for long-term validity, the MRZ lines of a passport);
// the handler validates them and hands them to [Options.Document] in the
// [Submission], but never takes them for what was read from the
// certificate.
type Fields struct {
	Name     string `form:"name" validate:"required,person_name"`
	Kind     string `form:"kind" validate:"required,certificate_kind"`
	Region   string `form:"region" validate:"omitempty,max=6"`
	Number   string `form:"number" validate:"required,max=64"`
	Issued   string `form:"issued" validate:"omitempty,datetime=2006-01-02"`
	Expires  string `form:"expires" validate:"required_without=LongTerm,omitempty,datetime=2006-01-02"`
	LongTerm string `form:"long_term" validate:"omitempty,oneof=true false on"`
	Birth    string `form:"birth" validate:"omitempty,datetime=2006-01-02"`
	MRZ      string `form:"mrz" validate:"omitempty,max=300"`
	// RetryOf is the ID of the account's rejected case this submission
	// retries; empty for a first attempt.
	RetryOf string `form:"retry_of" validate:"omitempty,max=64,alphanum"`
}

// The names of the two file parts.
const (
	PartCertificate = "certificate"
	PartHandheld    = "handheld"
)

// fieldNames lists the text parts in [Fields] order.
var fieldNames = [...]string{"name", "kind", "region", "number", "issued", "expires", "long_term", "birth", "mrz", "retry_of"}

func (f *Fields) set(name, value string) {
	switch name {
	case "retry_of":
		f.RetryOf = value
	case "name":
		f.Name = value
	case "kind":
		f.Kind = value
	case "region":
		f.Region = value
	case "number":
		f.Number = value
	case "issued":
		f.Issued = value
	case "expires":
		f.Expires = value
	case "long_term":
		f.LongTerm = value
	case "birth":
		f.Birth = value
	case "mrz":
		f.MRZ = value
	}
}

// Submission is what the handler read from one request.
type Submission struct {
	Account precaution.Account
	Fields  Fields
	// Certificate and Handheld are the evidence reports of the two files,
	// with the declared file names; nil when the part was absent.
	Certificate, Handheld *File
}

// File is one uploaded file as the handler saw it.
type File struct {
	Name        string
	ContentType string
	Report      evidence.Report

	// content is the file in the handler's pooled buffer, passed to the
	// verifier as [authn.Evidence.Content]; nil once the request is
	// answered, when the buffer is reused.
	content []byte
}

// forget drops the files' contents before their buffers are reused.
func (s *Submission) forget() {
	for _, f := range []*File{s.Certificate, s.Handheld} {
		if f != nil {
			f.content = nil
		}
	}
}

// DefaultMaxConcurrentFiles is how many files are inspected at once when
// [Options.MaxConcurrentFiles] is zero.
const DefaultMaxConcurrentFiles = 4

// Options configure a [Handler]. Verifier is required.
type Options struct {
	// Verifier judges the application.
	Verifier *authn.Verifier
	// Account returns the account of the request from the caller's session
	// or token, never from the form. It returns [ErrNoSession] (or an error
	// wrapping it) when the request has no signed-in account, which answers
	// 401; an account with an empty ID answers 401 too. Any other error is a
	// failure of the session or account store and answers 503. Its error is
	// logged, so it must not hold personal data.
	//
	// The account of a request is, in this order: the one passed to
	// [Handler.ProcessFor]; the one a middleware put into the request's
	// context with [WithAccount]; the one Account returns. Account is not
	// called when one of the first two is there. It may be nil when every
	// request gets its account in one of those ways: a request that has
	// none then answers 401.
	Account func(r *http.Request) (precaution.Account, error)
	// Document returns what the site's OCR service, MRZ reader or staff read
	// from the certificate in the submission; its error answers 503 and is
	// logged, so it must not hold personal data. Never build the document
	// from the typed fields: the name and number matches would compare the
	// applicant's input with itself. When Document is nil the document is
	// empty: nothing read the certificate, so the verifier cannot match the
	// name and number and every submission waits for a person (verdict
	// review at best; see [authn.Application]).
	Document func(ctx context.Context, s *Submission) (precaution.Document, error)
	// Logger receives one record per decision, at Error level with the cause
	// for a 503; nil discards them.
	Logger *slog.Logger
	// MaxFieldBytes bounds each text field (default 1024).
	MaxFieldBytes int64
	// MaxParts bounds the number of parts (default 16).
	MaxParts int
	// MaxConcurrentFiles bounds how many files are inspected at once across
	// all requests (default 4). A file takes its slot only once it has
	// been read whole into memory, and only while it is inspected, so the
	// memory of inspections is this many times the inspector's per-file
	// budget, never held by a client still sending.
	MaxConcurrentFiles int
	// MaxConcurrentUploads bounds how many requests hold file buffers
	// larger than [InitialFileBuffer] at once (default 8). A request takes
	// its slot when one of its files outgrows that buffer and keeps it,
	// with both files' buffers (at most the evidence limit plus one byte
	// each), until it is answered; a request waiting for a slot reads
	// nothing more from its client, whose rate clock is paused meanwhile.
	// The files buffered at once thus take at most
	// MaxConcurrentUploads × 2 × (limit+1) bytes, plus
	// 2 × InitialFileBuffer per request still below it.
	MaxConcurrentUploads int
	// MinUploadRate is the slowest upload accepted, in bytes per second
	// (default 16 KiB/s): after UploadGrace, a client must keep sending at
	// least this rate, measured over windows of UploadGrace, or it is cut
	// off with 408 and [CodeTooSlow].
	MinUploadRate int64
	// UploadGrace is how long a client may send nothing at the start of
	// the body or after the handler paused reading it, and the most time
	// a fast start banks against a later stall (default 10 seconds).
	UploadGrace time.Duration
	// MaxRequestsPerAccount bounds the requests of one account processed
	// at once (default 2); one more answers 429 with Retry-After and
	// [CodeTooManyRequests].
	MaxRequestsPerAccount int
	// Timeout bounds one request's processing, from the account check to
	// the answer (default 60 seconds). The whole body must arrive within
	// it: a body still arriving when it ends answers 408 with
	// [CodeTooSlow]; a request whose time ends while it waits for an
	// upload or inspection slot answers 503.
	Timeout time.Duration
}

// Handler serves the authentication form. It is safe for concurrent use.
type Handler struct {
	opt      Options
	validate *validator.Validate
	fileMax  int64
	bodyMax  int64
	sem      chan struct{} // inspection slots, MaxConcurrentFiles
	uploads  chan struct{} // upload slots, MaxConcurrentUploads
	bufs     *bufferPool
	accounts accounts
	messages *rules.Localizer // this package's codes and the validator tags'
}

// New returns a handler. A missing Verifier, or negative limits, are a
// [*rules.ConfigError].
func New(o Options) (*Handler, error) {
	bad := func(reason string) error { return &rules.ConfigError{Rule: "form", Reason: reason} }
	switch {
	case o.Verifier == nil:
		return nil, bad("Options.Verifier is required")
	case o.MaxFieldBytes < 0 || o.MaxParts < 0 || o.MaxConcurrentFiles < 0 || o.Timeout < 0,
		o.MaxConcurrentUploads < 0 || o.MinUploadRate < 0 || o.UploadGrace < 0 || o.MaxRequestsPerAccount < 0:
		return nil, bad("negative limit")
	}
	if o.MaxConcurrentUploads == 0 {
		o.MaxConcurrentUploads = 8
	}
	if o.MinUploadRate == 0 {
		o.MinUploadRate = DefaultMinUploadRate
	}
	if o.UploadGrace == 0 {
		o.UploadGrace = DefaultUploadGrace
	}
	if o.MaxRequestsPerAccount == 0 {
		o.MaxRequestsPerAccount = 2
	}
	if o.MaxFieldBytes == 0 {
		o.MaxFieldBytes = 1024
	}
	if o.MaxParts == 0 {
		o.MaxParts = 16
	}
	if o.MaxConcurrentFiles == 0 {
		o.MaxConcurrentFiles = DefaultMaxConcurrentFiles
	}
	if o.Timeout == 0 {
		o.Timeout = 60 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string { return f.Tag.Get("form") })
	if err := tags.RegisterValidations(v, o.Verifier.Policy().Numbers); err != nil {
		return nil, err
	}
	fileMax := o.Verifier.EvidenceOptions().MaxBytes
	messages, err := rules.NewLocalizer(append(Messages(), tags.Messages()...)...)
	if err != nil {
		return nil, err
	}
	h := &Handler{
		messages: messages,
		opt:      o,
		validate: v,
		fileMax:  fileMax,
		// Two files, every text field at its limit, and room for the
		// multipart framing of each part.
		bodyMax:  2*(fileMax+1) + int64(o.MaxParts)*(o.MaxFieldBytes+1024),
		sem:      make(chan struct{}, o.MaxConcurrentFiles),
		uploads:  make(chan struct{}, o.MaxConcurrentUploads),
		bufs:     newBufferPool(fileMax + 1),
		accounts: accounts{limit: o.MaxRequestsPerAccount, n: map[string]int{}},
	}
	return h, nil
}

// Defaults of the slow-client options.
const (
	DefaultMinUploadRate = 16 << 10 // bytes per second
	DefaultUploadGrace   = 10 * time.Second
)

// RetryAfter is what a 429 answer's Retry-After header asks the client to
// wait.
const RetryAfter = 5 * time.Second

// MaxBodyBytes is the largest request body the handler reads.
func (h *Handler) MaxBodyBytes() int64 { return h.bodyMax }

// Outcome is what [Handler.Process] decided: the HTTP status and either a
// problem or, for a submission that was not rejected, the applicant-facing
// [Status] of its review case.
type Outcome struct {
	HTTPStatus int
	Problem    *Problem
	Status     *Status
	// Report is the verifier's report, when the verifier ran.
	Report *authn.Report
	// Submission is what was read, when the body was read.
	Submission *Submission
	Language   language.Tag
	// Err is the cause of a 503 answer: the account function, the document
	// function or the verifier failing, or the request's time running out
	// while it waited to inspect a file. The handler logs it; it is never
	// shown to the applicant.
	Err error
	// RetryAfter, when set, is sent as the Retry-After header (429).
	RetryAfter time.Duration
}

// ErrNoSession is what [Options.Account] returns, or wraps, when the request
// has no signed-in account: the handler answers 401. Any other error of the
// account function is an outage of the session or account store and answers
// 503.
var ErrNoSession = errors.New("form: no signed-in account")

// ServeHTTP implements [http.Handler].
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.Write(w, h.Process(w, r))
}

// Process reads and judges the submission in r and returns the outcome
// without writing a response. w is used only to set the connection's read
// deadlines ([http.ResponseController]) and by [http.MaxBytesReader] to
// close the connection after an oversized body; it may be nil, or a writer
// without deadlines, when a timer ends a body that arrives too slowly
// instead (see the package documentation).
func (h *Handler) Process(w http.ResponseWriter, r *http.Request) *Outcome {
	tag := h.messages.Match(r.Header.Get("Accept-Language"))
	out := h.process(w, r, tag)
	out.Language = tag
	h.log(r.Context(), out)
	return out
}

func (h *Handler) process(w http.ResponseWriter, r *http.Request, tag language.Tag) *Outcome {
	if r.Method != http.MethodPost {
		return h.problem(tag, http.StatusMethodNotAllowed, CodeMethodNotAllowed)
	}
	acct, err := h.account(r)
	switch {
	case errors.Is(err, ErrNoSession):
		return h.problem(tag, http.StatusUnauthorized, CodeUnauthorized)
	case err != nil:
		return h.unavailable(tag, fmt.Errorf("account: %w", err))
	case acct.ID == "":
		return h.problem(tag, http.StatusUnauthorized, CodeUnauthorized)
	}
	if !h.accounts.enter(acct.ID) {
		out := h.problem(tag, http.StatusTooManyRequests, CodeTooManyRequests, "limit", strconv.Itoa(h.opt.MaxRequestsPerAccount))
		out.RetryAfter = RetryAfter
		return out
	}
	defer h.accounts.leave(acct.ID)
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return h.problem(tag, http.StatusUnsupportedMediaType, CodeNotMultipart)
	}
	if r.ContentLength > h.bodyMax {
		return h.tooLarge(tag)
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.opt.Timeout)
	defer cancel()
	// One pending case per account: answer before reading the files.
	switch c, err := h.opt.Verifier.PendingCase(ctx, acct.ID); {
	case err == nil:
		return h.pending(tag, c)
	case !errors.Is(err, review.ErrNotFound):
		return h.unavailable(tag, fmt.Errorf("pending case: %w", err))
	}
	end, _ := ctx.Deadline()
	br := h.newBodyReader(w, r, end)
	body := http.MaxBytesReader(w, br, h.bodyMax)
	defer body.Close()
	u := &upload{h: h, body: br}
	defer u.release()
	sub := &Submission{Account: acct}
	defer sub.forget()
	out := h.read(ctx, tag, multipart.NewReader(body, params["boundary"]), sub, u)
	br.done()
	if out != nil {
		out.Submission = sub
		return out
	}
	if vs := tags.FromValidationErrors(h.validate.Struct(&sub.Fields), h.opt.Verifier.Policy().Numbers); len(vs) > 0 {
		out := h.violations(tag, vs)
		out.Submission = sub
		return out
	}
	app, err := h.application(ctx, sub)
	if err != nil {
		out := h.unavailable(tag, fmt.Errorf("document: %w", err))
		out.Submission = sub
		return out
	}
	var rep *authn.Report
	if sub.Fields.RetryOf != "" {
		rep, err = h.opt.Verifier.Retry(ctx, sub.Fields.RetryOf, app)
	} else {
		rep, err = h.opt.Verifier.Verify(ctx, app)
	}
	var open *review.OpenCaseError
	var te *review.TransitionError
	switch {
	case errors.As(err, &open):
		out := h.pending(tag, open.Case)
		out.Submission = sub
		return out
	case errors.Is(err, review.ErrNotFound), err != nil && sub.Fields.RetryOf != "" && !errors.Is(err, authn.ErrInfrastructure) && !errors.As(err, &te):
		out := h.problem(tag, http.StatusNotFound, CodeNotFound).field("retry_of")
		out.Submission = sub
		return out
	case errors.As(err, &te):
		out := h.problem(tag, http.StatusConflict, CodeNotRetryable).field("retry_of")
		out.Submission = sub
		return out
	case err != nil:
		out := h.unavailable(tag, err)
		out.Submission = sub
		return out
	}
	h.opt.Verifier.Localize(rep, tag)
	out = &Outcome{Report: rep, Submission: sub}
	if rep.Verdict == rules.Rejected {
		out.HTTPStatus = http.StatusUnprocessableEntity
		out.Problem = h.newProblem(tag, http.StatusUnprocessableEntity, rules.Violation{Code: CodeInvalid, Severity: rules.Reject, Retryable: true})
		out.Problem.Violations = toFormFields(rep.Violations)
		out.Problem.Review = statusOf(rep)
		return out
	}
	out.HTTPStatus = http.StatusAccepted
	out.Status = statusOf(rep)
	return out
}

// read reads every part. It returns a refusing outcome, or nil when the
// body was read to its end.
func (h *Handler) read(ctx context.Context, tag language.Tag, mr *multipart.Reader, sub *Submission, u *upload) *Outcome {
	seen := map[string]bool{}
	for n := 0; ; n++ {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return h.readError(tag, err)
		}
		if n >= h.opt.MaxParts {
			p.Close()
			return h.problem(tag, http.StatusBadRequest, CodeTooManyParts, "limit", strconv.Itoa(h.opt.MaxParts))
		}
		name := p.FormName()
		if seen[name] {
			p.Close()
			return h.problem(tag, http.StatusBadRequest, CodeDuplicatePart).field(name)
		}
		seen[name] = true
		switch name {
		case PartCertificate, PartHandheld:
			if p.FileName() == "" {
				p.Close()
				return h.problem(tag, http.StatusBadRequest, CodeFileExpected).field(name)
			}
			f, out := h.file(ctx, tag, p, name, u)
			if out != nil {
				return out
			}
			if name == PartCertificate {
				sub.Certificate = f
			} else {
				sub.Handheld = f
			}
		default:
			if !knownField(name) {
				p.Close()
				return h.problem(tag, http.StatusBadRequest, CodeUnknownPart, "name", clip(name, 32))
			}
			if p.FileName() != "" {
				p.Close()
				return h.problem(tag, http.StatusBadRequest, CodeFileExpected).field(name)
			}
			v, err := io.ReadAll(io.LimitReader(p, h.opt.MaxFieldBytes+1))
			p.Close()
			if err != nil {
				return h.readError(tag, err)
			}
			if int64(len(v)) > h.opt.MaxFieldBytes {
				return h.problem(tag, http.StatusBadRequest, CodeFieldTooLong, "limit", strconv.FormatInt(h.opt.MaxFieldBytes, 10)).field(name)
			}
			sub.Fields.set(name, strings.TrimSpace(string(v)))
		}
	}
}

// file reads one file part whole into a pooled buffer, then inspects it
// from memory holding an inspection slot: no slot waits on the network.
func (h *Handler) file(ctx context.Context, tag language.Tag, p *multipart.Part, name string, u *upload) (*File, *Outcome) {
	defer p.Close()
	b, err := u.read(ctx, p)
	if errors.Is(err, errWaitUpload) {
		return nil, h.unavailable(tag, fmt.Errorf("%s file: %w", name, err))
	}
	if err != nil {
		return nil, h.readError(tag, err)
	}
	role := evidence.Certificate
	if name == PartHandheld {
		role = evidence.Handheld
	}
	if err := wait(ctx, h.sem, u.body); err != nil {
		return nil, h.unavailable(tag, fmt.Errorf("waiting to inspect the %s file: %w", name, err))
	}
	rep, err := h.opt.Verifier.Inspector().Inspect(ctx, bytes.NewReader(b), p.FileName(), p.Header.Get("Content-Type"), role)
	<-h.sem
	u.body.resume()
	switch {
	case errors.Is(err, context.Canceled):
		return nil, h.readError(tag, err) // the client went away
	case err != nil:
		return nil, h.unavailable(tag, fmt.Errorf("inspecting the %s file: %w", name, err))
	}
	f := &File{Name: clip(p.FileName(), 128), ContentType: clip(p.Header.Get("Content-Type"), 64), Report: rep, content: b}
	if int64(len(b)) > h.fileMax {
		// Over the limit: the report says so, and the rest of the part is
		// skipped (MaxBytesReader bounds it) so the next part can be
		// read. Content keeps the limit plus one byte, as a verifier
		// reading the file itself would.
		if _, err := io.Copy(io.Discard, p); err != nil {
			return nil, h.readError(tag, err)
		}
	}
	return f, nil
}

// tooLarge returns the 413 outcome of a body over [Handler.MaxBodyBytes],
// with the parameters "limit" (the body limit in bytes), "limit_size" (the
// same as people write it, "20 MB") and "file_limit_size" (the limit of
// each file, "10 MB"), sizes as [evidence.FormatSize] writes them.
func (h *Handler) tooLarge(tag language.Tag) *Outcome {
	return h.problem(tag, http.StatusRequestEntityTooLarge, CodeTooLarge,
		"limit", strconv.FormatInt(h.bodyMax, 10),
		"limit_size", evidence.FormatSize(h.bodyMax),
		"file_limit_size", evidence.FormatSize(h.fileMax))
}

// unavailable returns a 503 outcome whose cause, err, is logged.
func (h *Handler) unavailable(tag language.Tag, err error) *Outcome {
	out := h.problem(tag, http.StatusServiceUnavailable, CodeUnavailable)
	out.Err = err
	return out
}

func (h *Handler) readError(tag language.Tag, err error) *Outcome {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return h.tooLarge(tag)
	case errors.Is(err, errTooSlow):
		return h.problem(tag, http.StatusRequestTimeout, CodeTooSlow, "min_rate_size", evidence.FormatSize(h.opt.MinUploadRate))
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return h.problem(tag, http.StatusRequestTimeout, CodeMalformed)
	}
	return h.problem(tag, http.StatusBadRequest, CodeMalformed)
}

func knownField(name string) bool {
	for _, f := range fieldNames {
		if f == name {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	return strings.ToValidUTF8(s, "")
}

// application builds the verifier's input from a submission; the document
// is empty unless [Options.Document] reads one.
func (h *Handler) application(ctx context.Context, sub *Submission) (*authn.Application, error) {
	kind, _ := certificate.ParseKind(sub.Fields.Kind)
	var doc precaution.Document
	if h.opt.Document != nil {
		var err error
		if doc, err = h.opt.Document(ctx, sub); err != nil {
			return nil, err
		}
	}
	app := &authn.Application{
		Account:  sub.Account,
		Claim:    precaution.Claim{Name: sub.Fields.Name, Kind: kind, Region: strings.ToUpper(sub.Fields.Region), Number: sub.Fields.Number},
		Document: doc,
	}
	if f := sub.Certificate; f != nil {
		app.Certificate = authn.Evidence{Name: f.Name, ContentType: f.ContentType, Inspected: &f.Report, Content: f.content}
	}
	if f := sub.Handheld; f != nil {
		app.Handheld = authn.Evidence{Name: f.Name, ContentType: f.ContentType, Inspected: &f.Report, Content: f.content}
	}
	return app, nil
}

func (h *Handler) log(ctx context.Context, out *Outcome) {
	attrs := []slog.Attr{slog.Int("status", out.HTTPStatus)}
	if out.Submission != nil {
		attrs = append(attrs, slog.String("account", out.Submission.Account.ID))
	}
	if out.Problem != nil {
		attrs = append(attrs, slog.String("code", string(out.Problem.Code)))
	}
	if rep := out.Report; rep != nil {
		attrs = append(attrs, slog.String("verdict", rep.Verdict.String()), slog.Any("codes", rep.Codes()), slog.Any("number", rep.Number))
		if rep.Review != nil {
			attrs = append(attrs, slog.String("case", rep.Review.ID), slog.String("state", rep.Review.State.String()))
		}
	} else if out.Submission != nil && out.Submission.Fields.Number != "" {
		attrs = append(attrs, slog.String("number", certificate.Mask(textfold.Compact(out.Submission.Fields.Number, " -"))))
	}
	level := slog.LevelInfo
	if out.HTTPStatus >= 500 {
		level = slog.LevelError
	}
	if out.Err != nil {
		attrs = append(attrs, slog.Any("err", out.Err))
	}
	h.opt.Logger.LogAttrs(ctx, level, "form: decision", attrs...)
}
