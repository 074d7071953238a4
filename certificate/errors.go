package certificate

import (
	"errors"
	"fmt"

	"github.com/realname-go/realname/internal/masked"
)

// The four reasons a number is invalid, after python-stdnum. A
// [*NumberError] matches exactly one of them with [errors.Is].
var (
	ErrLength    = errors.New("invalid length")
	ErrFormat    = errors.New("invalid format")
	ErrChecksum  = errors.New("invalid checksum")
	ErrComponent = errors.New("invalid component")
)

// ErrUnsupported is returned by a [Registry] that has no scheme for the
// requested kind and region.
var ErrUnsupported = errors.New("certificate: no scheme for this kind and region")

// Stable codes for the four reasons; schemes may use a more specific code
// (for example a component code naming the birth date) with the same reason.
const (
	CodeLength    = "number.invalid_length"
	CodeFormat    = "number.invalid_format"
	CodeChecksum  = "number.invalid_checksum"
	CodeComponent = "number.invalid_component"
)

// NumberError says why a typed number is not a valid number of a scheme. Its
// message names the reason and shows the input masked, never in full; no verb
// of package fmt prints the input in full either (see [NumberError.Format]).
type NumberError struct {
	Kind   Kind
	Region string
	Reason error  // one of ErrLength, ErrFormat, ErrChecksum, ErrComponent
	Code   string // stable violation code, for example "number.invalid_checksum"
	Detail string // what was wrong, without personal data

	input string
}

// NewNumberError returns a NumberError for input. The input is kept only to be
// shown masked. An empty code defaults to the code of the reason.
func NewNumberError(kind Kind, region string, reason error, code, detail, input string) *NumberError {
	if code == "" {
		code = ReasonCode(reason)
	}
	return &NumberError{Kind: kind, Region: region, Reason: reason, Code: code, Detail: detail, input: input}
}

// Error returns a message with the masked input.
func (e *NumberError) Error() string {
	msg := fmt.Sprintf("certificate: %s %s number %s: %v", e.Region, e.Kind, Mask(e.input), e.Reason)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Unwrap returns the reason sentinel.
func (e *NumberError) Unwrap() error { return e.Reason }

// GoString returns Go syntax for e with the input masked, for %#v.
func (e NumberError) GoString() string {
	reason := "<nil>"
	if e.Reason != nil {
		reason = e.Reason.Error()
	}
	return fmt.Sprintf("certificate.NumberError{Kind:%q, Region:%q, Reason:%q, Code:%q, Detail:%q, input:%q}",
		e.Kind.String(), e.Region, reason, e.Code, e.Detail, Mask(e.input))
}

// Format implements [fmt.Formatter] for the error and for a NumberError
// value: %#v prints [NumberError.GoString], every other verb formats the
// message of [NumberError.Error].
func (e NumberError) Format(f fmt.State, verb rune) { masked.Format(f, verb, e.Error(), e.GoString) }

// ReasonName returns "length", "format", "checksum" or "component" for one of
// the four sentinels, and "" otherwise.
func ReasonName(reason error) string {
	switch {
	case errors.Is(reason, ErrLength):
		return "length"
	case errors.Is(reason, ErrFormat):
		return "format"
	case errors.Is(reason, ErrChecksum):
		return "checksum"
	case errors.Is(reason, ErrComponent):
		return "component"
	}
	return ""
}

// ReasonCode returns the stable code of one of the four sentinels.
func ReasonCode(reason error) string {
	switch ReasonName(reason) {
	case "length":
		return CodeLength
	case "format":
		return CodeFormat
	case "checksum":
		return CodeChecksum
	case "component":
		return CodeComponent
	}
	return "number.invalid"
}
