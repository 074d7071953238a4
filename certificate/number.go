package certificate

import (
	"log/slog"
	"strings"
)

// Number is a certificate number in its canonical form, with the kind and
// issuing region of the scheme that parsed it. It is a small comparable value;
// the zero value is the absent number.
//
// String, LogValue and MarshalText mask the number; Canonical and Reveal give it
// in full.
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

// LogValue implements [slog.LogValuer]; logs see the masked number only.
func (n Number) LogValue() slog.Value { return slog.StringValue(Mask(n.canonical)) }

// MarshalText implements [encoding.TextMarshaler] with the masked number.
// Use [Number.Reveal] to marshal the full number.
func (n Number) MarshalText() ([]byte, error) { return []byte(Mask(n.canonical)), nil }

// Reveal returns the number as a [Revealed] value, whose text form is the full
// canonical number. Use it where the caller has decided the full number may
// leave the process (for example to a trusted reviewer).
func (n Number) Reveal() Revealed { return Revealed(n.canonical) }

// Revealed is a canonical number that marshals in full.
type Revealed string

// MarshalText implements [encoding.TextMarshaler] with the full number.
func (r Revealed) MarshalText() ([]byte, error) { return []byte(r), nil }

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
