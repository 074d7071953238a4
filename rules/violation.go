package rules

import (
	"errors"
	"fmt"
	"strings"
)

// Severity says what a violation does to the verdict.
type Severity uint8

const (
	// Reject fails the application.
	Reject Severity = iota
	// Review sends the application to a person: an advisory signal.
	Review
)

// String returns "reject" or "review".
func (s Severity) String() string {
	if s == Review {
		return "review"
	}
	return "reject"
}

// MarshalText implements [encoding.TextMarshaler].
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]: it reads what
// MarshalText writes and refuses anything else.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "reject":
		*s = Reject
	case "review":
		*s = Review
	default:
		return fmt.Errorf("rules: unknown severity %q", truncate(string(b), 32))
	}
	return nil
}

// Verdict is the outcome of judging an application.
type Verdict uint8

const (
	// Accept: no violation.
	Accept Verdict = iota
	// NeedsReview: only review violations; a person decides.
	NeedsReview
	// Rejected: at least one reject violation.
	Rejected
)

// String returns "accept", "review" or "reject".
func (v Verdict) String() string {
	switch v {
	case NeedsReview:
		return "review"
	case Rejected:
		return "reject"
	}
	return "accept"
}

// MarshalText implements [encoding.TextMarshaler].
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]: it reads what
// MarshalText writes and refuses anything else.
func (v *Verdict) UnmarshalText(b []byte) error {
	switch string(b) {
	case "accept":
		*v = Accept
	case "review":
		*v = NeedsReview
	case "reject":
		*v = Rejected
	default:
		return fmt.Errorf("rules: unknown verdict %q", truncate(string(b), 32))
	}
	return nil
}

// truncate cuts s to at most n bytes, for error messages about bad input.
func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// Param is one named parameter of a violation, used by its message. Personal
// values (certificate numbers) are masked before they become parameters.
type Param struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Violation is one broken rule: a stable code, the field it concerns, the
// values involved, its severity and whether the applicant can fix it by
// retrying.
type Violation struct {
	Code      Code     `json:"code"`
	Field     string   `json:"field,omitempty"`
	Params    []Param  `json:"params,omitempty"`
	Severity  Severity `json:"severity"`
	Retryable bool     `json:"retryable"`
}

// Param returns the value of the named parameter, or "".
func (v Violation) Param(name string) string {
	for _, p := range v.Params {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

// Error returns "field: code" (or the code alone); it never holds personal
// data beyond the masked parameters.
func (v Violation) Error() string {
	if v.Field != "" {
		return v.Field + ": " + string(v.Code)
	}
	return string(v.Code)
}

// Is lets errors.Is match a violation against a [Code] sentinel.
func (v Violation) Is(target error) bool {
	var c Code
	if errors.As(target, &c) {
		return c == v.Code
	}
	return false
}

// Code is a violation code usable as an error sentinel: errors.Is(err,
// rules.Code("certificate.expired")) is true when err is (or holds) a
// [*ViolationError] with a violation of that code.
type Code string

func (c Code) Error() string { return string(c) }

// Result is what judging produced: every violation, in order.
type Result struct {
	Violations []Violation `json:"violations"`
}

// Verdict is Rejected if any violation rejects, NeedsReview if any asks for
// review, and Accept otherwise.
func (r Result) Verdict() Verdict {
	v := Accept
	for _, x := range r.Violations {
		if x.Severity == Reject {
			return Rejected
		}
		v = NeedsReview
	}
	return v
}

// Err returns nil when there are no violations, and a [*ViolationError]
// otherwise.
func (r Result) Err() error {
	if len(r.Violations) == 0 {
		return nil
	}
	return &ViolationError{Violations: append([]Violation(nil), r.Violations...)}
}

// ViolationError is the one error type for violations. Find it with
// errors.As; match a code with errors.Is and a [Code].
type ViolationError struct {
	Violations []Violation
}

func (e *ViolationError) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.Error()
	}
	return fmt.Sprintf("rules: %d violation(s): %s", len(e.Violations), strings.Join(parts, "; "))
}

// Unwrap returns the violations as errors, so errors.Is matches codes.
func (e *ViolationError) Unwrap() []error {
	out := make([]error, len(e.Violations))
	for i, v := range e.Violations {
		out[i] = v
	}
	return out
}

// ConfigError reports a policy or rule built with a broken configuration. It
// is returned when the rule is constructed, never while judging.
type ConfigError struct {
	Rule   string
	Reason string
}

func (e *ConfigError) Error() string { return "rules: " + e.Rule + ": " + e.Reason }

// InfraError wraps a failure of evaluation itself (a database down, a context
// cancelled). It never becomes a rejection.
type InfraError struct {
	Rule string
	Err  error
}

func (e *InfraError) Error() string { return "rules: " + e.Rule + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *InfraError) Unwrap() error { return e.Err }
