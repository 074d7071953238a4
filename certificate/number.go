package certificate

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/realname-go/realname/internal/masked"
)

// Number is a certificate number in its canonical form, with the kind and
// issuing region of the scheme that parsed it. It is a small comparable value;
// the zero value is the absent number.
//
// String, GoString, Format, LogValue and MarshalText mask the number, so that
// no verb of package fmt (%v, %+v, %#v, %s, …), no log and no marshalled form
// shows it in full; Canonical and Reveal give it in full.
type Number struct {
	kind      Kind
	region    string
	canonical string
}

// NewNumber returns a Number from an already canonical string. It is meant for
// [Scheme] implementations, which are responsible for canonicalising.
func NewNumber(kind Kind, region, canonical string) Number {
	return Number{kind: kind, region: region, canonical: canonical}
}

// Kind returns the kind of certificate the number belongs to.
func (n Number) Kind() Kind { return n.kind }

// Region returns the region of the scheme that parsed the number: an ISO
// 3166-1 alpha-2 code ("CN", "HK") or an ISO 3166-2 code ("US-CA").
func (n Number) Region() string { return n.region }

// Canonical returns the full canonical number. Handle it as personal data.
func (n Number) Canonical() string { return n.canonical }

// IsZero reports whether n is the absent number.
func (n Number) IsZero() bool { return n.canonical == "" }

// Equal reports whether n and o are the same number of the same kind and
// region, compared by canonical form.
func (n Number) Equal(o Number) bool {
	return n.kind == o.kind && n.region == o.region && n.canonical == o.canonical
}

// String returns the masked number, for example 1101**********002X.
func (n Number) String() string { return Mask(n.canonical) }

// GoString returns Go syntax for n with the number masked, for %#v.
func (n Number) GoString() string {
	return fmt.Sprintf("certificate.Number{kind:%q, region:%q, canonical:%q}", n.kind.String(), n.region, Mask(n.canonical))
}

// Format implements [fmt.Formatter]: %#v prints [Number.GoString], every
// other verb formats [Number.String].
func (n Number) Format(f fmt.State, verb rune) { masked.Format(f, verb, n.String(), n.GoString) }

// LogValue implements [slog.LogValuer]; logs see the masked number only.
func (n Number) LogValue() slog.Value { return slog.StringValue(Mask(n.canonical)) }

// MarshalText implements [encoding.TextMarshaler] with the masked number.
// Use [Number.Reveal] to marshal the full number.
func (n Number) MarshalText() ([]byte, error) { return []byte(Mask(n.canonical)), nil }

// Reveal returns the number as a [Revealed] value, whose text form is the full
// canonical number. Use it where the caller has decided the full number may
// leave the process (for example to a trusted reviewer).
func (n Number) Reveal() Revealed { return Revealed(n.canonical) }

// Revealed is a canonical number that marshals in full: MarshalText (and so
// encoding/json and log/slog's handlers) gives the whole number, and so does
// converting it to a string. Package fmt still prints it masked, so that a
// stray %v in a log line does not reveal it.
type Revealed string

// MarshalText implements [encoding.TextMarshaler] with the full number.
func (r Revealed) MarshalText() ([]byte, error) { return []byte(r), nil }

// String returns the number masked; string(r) is the full number.
func (r Revealed) String() string { return Mask(string(r)) }

// GoString returns Go syntax for r with the number masked, for %#v.
func (r Revealed) GoString() string { return fmt.Sprintf("certificate.Revealed(%q)", Mask(string(r))) }

// Format implements [fmt.Formatter]: %#v prints [Revealed.GoString], every
// other verb formats [Revealed.String].
func (r Revealed) Format(f fmt.State, verb rune) { masked.Format(f, verb, r.String(), r.GoString) }

// Mask hides the middle of s: a quarter of its characters (at most four) stay
// visible at each end, the rest become '*'. Strings shorter than four
// characters are hidden entirely. It works on bytes after checking for
// ASCII, and on runes otherwise.
func Mask(s string) string {
	r := []rune(s)
	n := len(r)
	keep := min(n/4, 4)
	var b strings.Builder
	b.Grow(len(s))
	for i, c := range r {
		if i < keep || i >= n-keep {
			b.WriteRune(c)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}
