package form

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// ProblemTypeBase prefixes a code to make the problem type URI (a tag URI,
// RFC 4151): "tag:realname-go.github.io,2026:form.too_large".
const ProblemTypeBase = "tag:realname-go.github.io,2026:"

// Problem is an RFC 9457 problem detail. Code is the stable code of the
// problem, Violations list each broken rule with its field and localized
// message, and Review is the rejected case when the verifier ran (the
// applicant may retry).
type Problem struct {
	Type       string          `json:"type"`
	Title      string          `json:"title"`
	Status     int             `json:"status"`
	Detail     string          `json:"detail,omitempty"`
	Code       rules.Code      `json:"code"`
	Violations []authn.Finding `json:"violations,omitempty"`
	Review     *Status         `json:"review,omitempty"`
}

// Status is the applicant-facing status of a submission that was not
// rejected: the body of the 202 answer and what a status page shows. It
// holds the review case (its ID, attempt, state and deadline), the verdict,
// the masked certificate number and the signals a reviewer will look at,
// with their messages in the applicant's language; a rejected submission's
// [Problem] carries it as Review. It is neither the account's
// authentication status
// ([github.com/realname-go/realname/rules/precaution.Standing]) nor the
// HTTP status of the answer ([Outcome.HTTPStatus]).
type Status struct {
	Verdict   rules.Verdict    `json:"verdict"`
	Case      string           `json:"case"`
	Attempt   int              `json:"attempt"`
	Previous  string           `json:"previous,omitempty"`
	State     string           `json:"state"`
	Submitted time.Time        `json:"submitted"`
	Due       certificate.Date `json:"due"`
	DueAt     time.Time        `json:"due_at"`
	Estimated bool             `json:"due_estimated,omitempty"`
	// Number is the certificate number, masked ("1101**********002X");
	// empty when the typed number did not parse. A status never holds the
	// full number.
	Number  string          `json:"number,omitempty"`
	Signals []authn.Finding `json:"signals,omitempty"`
	// Reasons are why a rejected case was rejected, in the applicant's
	// language; the applicant may retry with [Fields.RetryOf] set to Case.
	Reasons []authn.Finding `json:"reasons,omitempty"`
}

// statusOfCase returns the status of a stored case, its findings and
// reasons in the language closest to tag.
func (h *Handler) statusOfCase(tag language.Tag, c *review.Case) *Status {
	if c == nil {
		return nil
	}
	s := &Status{
		Verdict: c.Verdict, Case: c.ID, Attempt: c.Attempt, Previous: c.Previous, State: c.State.String(),
		Submitted: c.SubmittedAt, Due: c.Due.Date, DueAt: c.Due.At, Estimated: c.Due.Estimated,
	}
	if c.Certificate != nil {
		s.Number = c.Certificate.Masked
	}
	find := func(vs []rules.Violation) []authn.Finding {
		var out []authn.Finding
		for _, v := range vs {
			v.Field = Field(v.Field)
			out = append(out, authn.Finding{Violation: v, Message: h.message(tag, v)})
		}
		return out
	}
	if c.State.Pending() {
		s.Signals = find(c.Findings)
	}
	if c.State == review.Rejected {
		s.Reasons = find(c.Reasons)
	}
	return s
}

// pending answers 409 with the status of the account's pending case.
func (h *Handler) pending(tag language.Tag, c *review.Case) *Outcome {
	out := h.problem(tag, http.StatusConflict, CodePending)
	out.Problem.Review = h.statusOfCase(tag, c)
	return out
}

func statusOf(rep *authn.Report) *Status {
	if rep == nil || rep.Review == nil {
		return nil
	}
	c := rep.Review
	s := &Status{
		Verdict: rep.Verdict, Case: c.ID, Attempt: c.Attempt, Previous: c.Previous, State: c.State.String(),
		Submitted: c.SubmittedAt, Due: c.Due.Date, DueAt: c.Due.At, Estimated: c.Due.Estimated,
	}
	if !rep.Number.IsZero() {
		s.Number = rep.Number.String()
	}
	if rep.Verdict != rules.Rejected {
		s.Signals = toFormFields(rep.Violations)
	}
	return s
}

// formFields maps the field paths of the verifier's violations to the form's
// field names, so a page can show each message next to its input. Paths of
// the account and other paths without an input stay as they are.
var formFields = [...]struct{ prefix, field string }{
	{"claim.name", "name"},
	{"claim.kind", "kind"},
	{"claim.number", "number"},
	{"claim.region", "region"},
	{"document.number", "number"},
	{"document.name", "name"},
	{"document.validity.issued", "issued"},
	{"document.validity.expires", "expires"},
	{"document.validity", "expires"},
	{"document.birth", "birth"},
	{"document.issuing_region", "region"},
	{"document.issuing_state", "mrz"},
	{"document.mrz", "mrz"},
}

// Field returns the form field a violation's field path concerns: "number"
// for "claim.number" and "document.number", "expires" for
// "document.validity", and so on. Paths without an input of their own (the
// account's, the files') are returned as they are.
func Field(path string) string {
	for _, f := range formFields {
		if path == f.prefix || strings.HasPrefix(path, f.prefix+".") || strings.HasPrefix(path, f.prefix+"[") {
			return f.field
		}
	}
	return path
}

func toFormFields(fs []authn.Finding) []authn.Finding {
	out := make([]authn.Finding, len(fs))
	for i, f := range fs {
		f.Field = Field(f.Field)
		out[i] = f
	}
	return out
}

// problem returns a refusing outcome with a localized title.
func (h *Handler) problem(tag language.Tag, status int, code rules.Code, params ...string) *Outcome {
	v := rules.Violate(code, rules.Reject, true, params...)
	return &Outcome{HTTPStatus: status, Problem: h.newProblem(tag, status, v)}
}

func (h *Handler) newProblem(tag language.Tag, status int, v rules.Violation) *Problem {
	return &Problem{
		Type:   ProblemTypeBase + string(v.Code),
		Title:  http.StatusText(status),
		Status: status,
		Detail: h.message(tag, v),
		Code:   v.Code,
	}
}

// field names the field a request-level problem concerns, as a violation.
func (o *Outcome) field(name string) *Outcome {
	if o.Problem != nil {
		o.Problem.Violations = append(o.Problem.Violations, authn.Finding{
			Violation: rules.Violation{Code: o.Problem.Code, Field: name, Severity: rules.Reject, Retryable: true},
			Message:   o.Problem.Detail,
		})
	}
	return o
}

// violations returns a 422 outcome for field violations found before the
// verifier ran.
func (h *Handler) violations(tag language.Tag, vs []rules.Violation) *Outcome {
	out := &Outcome{HTTPStatus: http.StatusUnprocessableEntity}
	out.Problem = h.newProblem(tag, http.StatusUnprocessableEntity, rules.Violation{Code: CodeInvalid})
	for _, v := range vs {
		out.Problem.Violations = append(out.Problem.Violations, authn.Finding{Violation: v, Message: h.message(tag, v)})
	}
	return out
}

// Write answers with the outcome: application/problem+json for a problem,
// application/json with the [Status] otherwise, and Content-Language.
func (h *Handler) Write(w http.ResponseWriter, out *Outcome) {
	w.Header().Set("Content-Language", out.Language.String())
	w.Header().Set("Cache-Control", "no-store")
	switch out.HTTPStatus {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", http.MethodPost)
	case http.StatusRequestTimeout:
		// The rest of the body is not read: the connection cannot serve
		// another request.
		w.Header().Set("Connection", "close")
	}
	if out.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.FormatInt(int64((out.RetryAfter+time.Second-1)/time.Second), 10))
	}
	var body any = out.Status
	ct := "application/json"
	if out.Problem != nil {
		body, ct = out.Problem, "application/problem+json"
	}
	b, err := json.Marshal(body)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(out.HTTPStatus)
	_, _ = w.Write(append(b, '\n'))
}

// message renders v in the language closest to tag: the codes of this
// package and of the validator tags from the handler's catalogue, every
// other code from the verifier's.
func (h *Handler) message(tag language.Tag, v rules.Violation) string {
	if h.messages.Has(v.Code) {
		return h.messages.Message(tag, v)
	}
	return h.opt.Verifier.Message(tag, v)
}

// Language returns the language the handler answers r in: the best match of
// its Accept-Language header among the languages of the messages.
func (h *Handler) Language(r *http.Request) language.Tag {
	return h.messages.Match(r.Header.Get("Accept-Language"))
}

// CaseStatus returns the status of the case id for the account of r, as
// the applicant's status page shows it: 200 with [Outcome.Status], 401
// without a session, 404 ([CodeNotFound]) for a case that is not the
// account's (whether or not it exists), 503 when the store is down. The
// account is the one a middleware put into r's context with [WithAccount],
// else the one [Options.Account] finds.
func (h *Handler) CaseStatus(r *http.Request, id string) *Outcome {
	tag := h.messages.Match(r.Header.Get("Accept-Language"))
	out := h.caseStatus(r, tag, id)
	out.Language = tag
	h.log(r.Context(), out)
	return out
}

func (h *Handler) caseStatus(r *http.Request, tag language.Tag, id string) *Outcome {
	acct, err := h.account(r)
	switch {
	case errors.Is(err, ErrNoSession):
		return h.problem(tag, http.StatusUnauthorized, CodeUnauthorized)
	case err != nil:
		return h.unavailable(tag, fmt.Errorf("account: %w", err))
	case acct.ID == "":
		return h.problem(tag, http.StatusUnauthorized, CodeUnauthorized)
	}
	c, err := h.opt.Verifier.Case(r.Context(), id)
	switch {
	case errors.Is(err, review.ErrNotFound), err == nil && c.Account != acct.ID:
		return h.problem(tag, http.StatusNotFound, CodeNotFound)
	case err != nil:
		return h.unavailable(tag, fmt.Errorf("case: %w", err))
	}
	return &Outcome{HTTPStatus: http.StatusOK, Status: h.statusOfCase(tag, c)}
}

// ServeStatus answers GET requests for the status of the case named by the
// path wildcard "case" (mount it as "GET /authn/{case}"), with the same
// answers as [Handler.CaseStatus]. Every answer is Cache-Control: no-store.
// A router that does not set [http.Request.PathValue] (gin, echo) answers
// with h.Write(w, h.CaseStatus(r, id)) and its own path parameter.
func (h *Handler) ServeStatus(w http.ResponseWriter, r *http.Request) {
	h.Write(w, h.CaseStatus(r, r.PathValue("case")))
}
