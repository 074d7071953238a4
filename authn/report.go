package authn

import (
	"time"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

// Outcome is what became of one check.
type Outcome string

// The outcomes of a check.
const (
	Pass Outcome = "pass" // the check ran and found nothing
	Fail Outcome = "fail" // the check ran and found violations (reject or review)
	Skip Outcome = "skip" // the check did not run, or could not judge; Note says why
)

// CheckResult is one line of the audit: a check by name and what it found.
type CheckResult struct {
	Name    string        `json:"name"`
	Outcome Outcome       `json:"outcome"`
	Verdict rules.Verdict `json:"verdict"`
	Codes   []rules.Code  `json:"codes,omitempty"`
	Note    string        `json:"note,omitempty"`
}

// Finding is a violation with its message in the report's language.
type Finding struct {
	rules.Violation
	Message string `json:"message"`
}

// FileResult is what the evidence rules found about one file.
type FileResult struct {
	Role   string           `json:"role"`
	Format evidence.Format  `json:"format,omitempty"`
	Width  int              `json:"width,omitempty"`
	Height int              `json:"height,omitempty"`
	Pages  int              `json:"pages,omitempty"`
	Size   int64            `json:"size"`
	Scores *evidence.Scores `json:"scores,omitempty"`
}

// Report is the verifier's answer: the verdict, every check by name, the
// violations with localized messages, the binding slot and the review case.
// Certificate numbers in it are masked when marshalled. A report decodes from
// its JSON to the same value but for its Number, which comes back
// [certificate.Number.Masked]: it prints as before but names no certificate.
type Report struct {
	Verdict    rules.Verdict `json:"verdict"`
	Language   string        `json:"language"`
	CheckedAt  time.Time     `json:"checked_at"`
	Account    string        `json:"account"`
	Checks     []CheckResult `json:"checks"`
	Violations []Finding     `json:"violations"`
	// Number is the parsed certificate number (masked in JSON); zero when
	// the typed number did not parse; masked only in a report decoded from
	// JSON.
	Number certificate.Number `json:"number,omitzero"`
	Files  []FileResult       `json:"files,omitempty"`
	// Binding is the account's slot on the certificate after the
	// verification; nil when no store is configured or no slot was asked.
	Binding *binding.Result `json:"binding,omitempty"`
	// Review is the case opened for the application.
	Review *review.Case `json:"review"`
}

// Check returns the result of the named check.
func (r *Report) Check(name string) (CheckResult, bool) {
	for _, c := range r.Checks {
		if c.Name == name {
			return c, true
		}
	}
	return CheckResult{}, false
}

// Codes returns the codes of every violation, in order.
func (r *Report) Codes() []rules.Code {
	out := make([]rules.Code, len(r.Violations))
	for i, f := range r.Violations {
		out[i] = f.Code
	}
	return out
}

// violations returns the plain violations.
func (r *Report) violations() []rules.Violation {
	out := make([]rules.Violation, len(r.Violations))
	for i, f := range r.Violations {
		out[i] = f.Violation
	}
	return out
}
