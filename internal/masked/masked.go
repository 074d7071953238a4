// Package masked formats values that carry personal data, such as a full
// certificate number, so that package fmt never prints them in full.
package masked

import (
	"fmt"
	"io"
)

// Format implements [fmt.Formatter] for a value whose String form is s,
// already masked: every verb formats s (so %v, %+v, %s, %q, %x and even a
// wrong verb such as %d see only the masked text), except %#v, which writes
// goString(), the value's masked Go syntax.
func Format(f fmt.State, verb rune, s string, goString func() string) {
	if verb == 'v' && f.Flag('#') {
		io.WriteString(f, goString())
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), s)
}
