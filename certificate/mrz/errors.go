package mrz

import (
	"errors"
	"fmt"
)

// The reasons a machine-readable zone does not parse. An [*Error] matches
// exactly one of them with [errors.Is].
var (
	ErrSize         = errors.New("mrz: input too large")
	ErrLayout       = errors.New("mrz: no machine-readable zone layout has these lines")
	ErrCharacter    = errors.New("mrz: character outside A-Z, 0-9 and <")
	ErrDocumentCode = errors.New("mrz: document code does not fit the layout")
	ErrDate         = errors.New("mrz: impossible date")
	ErrSex          = errors.New("mrz: sex is not M, F, X or <")
	ErrState        = errors.New("mrz: unknown state code")
	// ErrCheckDigit is matched by the [*CheckError] of [MRZ.Verify].
	ErrCheckDigit = errors.New("mrz: check digit mismatch")
)

// Stable violation codes of the errors.
const (
	CodeSize         = "mrz.too_large"
	CodeLayout       = "mrz.invalid_layout"
	CodeCharacter    = "mrz.invalid_character"
	CodeDocumentCode = "mrz.invalid_document_code"
	CodeDate         = "mrz.invalid_date"
	CodeSex          = "mrz.invalid_sex"
	CodeState        = "mrz.unknown_state"
)

// Error says why text is not a machine-readable zone. It names the line and
// position (both 1-based; 0 when the error is not about one place) and never
// repeats personal data such as dates or numbers.
type Error struct {
	Reason error  // one of the Err sentinels
	Code   string // stable violation code, for example "mrz.invalid_character"
	Field  string // the field concerned, for example "birth_date"; may be empty
	Line   int
	Pos    int
	Detail string // what was wrong, without personal data
}

func newError(reason error, code, field string, line, pos int, detail string) *Error {
	return &Error{Reason: reason, Code: code, Field: field, Line: line, Pos: pos, Detail: detail}
}

// Error returns a message naming the line, position and field.
func (e *Error) Error() string {
	msg := e.Reason.Error()
	if e.Line > 0 {
		msg += fmt.Sprintf(" (line %d", e.Line)
		if e.Pos > 0 {
			msg += fmt.Sprintf(", position %d", e.Pos)
		}
		msg += ")"
	}
	if e.Field != "" {
		msg += " in " + e.Field
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Unwrap returns the reason sentinel.
func (e *Error) Unwrap() error { return e.Reason }

// CheckError lists the check digits that failed. It matches [ErrCheckDigit].
type CheckError struct {
	Failed []Check
}

// Error names the failed checks.
func (e *CheckError) Error() string {
	msg := ErrCheckDigit.Error() + ":"
	for i, c := range e.Failed {
		if i > 0 {
			msg += ","
		}
		msg += " " + c.String()
	}
	return msg
}

// Unwrap returns [ErrCheckDigit].
func (e *CheckError) Unwrap() error { return ErrCheckDigit }

// Codes returns the violation code of each failed check, for example
// "mrz.check_failed.birth_date".
func (e *CheckError) Codes() []string {
	out := make([]string, len(e.Failed))
	for i, c := range e.Failed {
		out[i] = c.Code()
	}
	return out
}
