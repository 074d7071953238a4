package mrzread

import (
	"errors"

	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules"
)

// The codes of the reader's errors.
const (
	// CodeNoZone: no machine-readable zone was found in the image.
	CodeNoZone rules.Code = "zone.not_found"
	// CodeUnreadable: a zone was found but no reading of it passes its check
	// digits with enough confidence.
	CodeUnreadable rules.Code = "zone.unreadable"
)

// Sentinels for [errors.Is]: an [*Error] matches the sentinel of its code
// (and the [rules.Code] itself).
var (
	ErrNoZone     = &Error{Code: CodeNoZone}
	ErrUnreadable = &Error{Code: CodeUnreadable}
)

// Error says why no zone was read. It never holds personal data.
type Error struct {
	Code rules.Code
	// Layout is the layout of the zone found, for [CodeUnreadable]; zero
	// when no zone was found.
	Layout mrz.Format
	// Detail says what went wrong, for logs.
	Detail string
}

// Error returns "mrzread: " followed by the code and the detail.
func (e *Error) Error() string {
	msg := "mrzread: " + string(e.Code)
	if e.Layout != 0 {
		msg += " (" + e.Layout.String() + ")"
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Is matches an [*Error] or a [rules.Code] with the same code.
func (e *Error) Is(target error) bool {
	var t *Error
	if errors.As(target, &t) {
		return t.Code == e.Code
	}
	var c rules.Code
	if errors.As(target, &c) {
		return c == e.Code
	}
	return false
}
