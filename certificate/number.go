package certificate

import (
	"fmt"
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// masked is the text of a number read back from its masked form
	// ([Number.UnmarshalText]); such a number names no certificate.
	masked string
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
func (n Number) IsZero() bool { return n.canonical == "" && n.masked == "" }

// Masked reports whether n was read back from its masked text
// ([Number.UnmarshalText]): it prints as that text, but has no kind, region
// or canonical form, equals no number and names no certificate.
func (n Number) Masked() bool { return n.masked != "" }

// Equal reports whether n and o are the same number of the same kind and
// region, compared by canonical form. A [Number.Masked] number equals none.
func (n Number) Equal(o Number) bool {
	return n.masked == "" && o.masked == "" &&
		n.kind == o.kind && n.region == o.region && n.canonical == o.canonical
}

// String returns the masked number, for example 1101**********002X.
func (n Number) String() string {
	if n.masked != "" {
		return n.masked
	}
	return Mask(n.canonical)
}

// GoString returns Go syntax for n with the number masked, for %#v.
func (n Number) GoString() string {
	return fmt.Sprintf("certificate.Number{kind:%q, region:%q, canonical:%q}", n.kind.String(), n.region, n.String())
}

// Format implements [fmt.Formatter]: %#v prints [Number.GoString], every
// other verb formats [Number.String].
func (n Number) Format(f fmt.State, verb rune) { masked.Format(f, verb, n.String(), n.GoString) }

// LogValue implements [slog.LogValuer]; logs see the masked number only.
func (n Number) LogValue() slog.Value { return slog.StringValue(n.String()) }

// MarshalText implements [encoding.TextMarshaler] with the masked number.
// Use [Number.Reveal] to marshal the full number.
func (n Number) MarshalText() ([]byte, error) { return []byte(n.String()), nil }

// maxMaskedLen bounds the text [Number.UnmarshalText] takes.
const maxMaskedLen = 64

// UnmarshalText implements [encoding.TextUnmarshaler] for what MarshalText
// writes. Empty text gives the zero number; any other text gives a
// [Number.Masked] number that marshals and prints as that text again, but
// has no kind, region or canonical form and names no certificate, since the
// masked text cannot be turned back into the number. Text longer than 64
// bytes, not valid UTF-8 or holding control characters is refused.
func (n *Number) UnmarshalText(b []byte) error {
	s := string(b)
	if s == "" {
		*n = Number{}
		return nil
	}
	if len(s) > maxMaskedLen || !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		return fmt.Errorf("certificate: %q is not a masked number", truncate(s, 16))
	}
	*n = Number{masked: s}
	return nil
}

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
