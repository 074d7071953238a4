package certificate_test

import (
	"testing"

	"github.com/realname-go/realname/certificate"
)

// FuzzParseDate checks that ParseDate never panics, that what it accepts is a
// calendar date, and that a date round-trips through String and
// UnmarshalText.
func FuzzParseDate(f *testing.F) {
	// Seeds: a date, a leap day and a non-leap 29 February, the wrong
	// separators, signs and spaces that atoi must refuse, month 13, full-width
	// digits, and the empty string.
	for _, s := range []string{"1949-12-31", "2024-02-29", "2023-02-29", "1949/12/31", "+949-12-31",
		"1949-1 -31", "1949-13-01", "０９４９-12-31", "0000-01-01", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := certificate.ParseDate(s)
		if err != nil {
			return
		}
		if !d.Valid() {
			t.Fatalf("ParseDate(%q) = %v, not a calendar date", s, d)
		}
		var again certificate.Date
		if err := again.UnmarshalText([]byte(d.String())); err != nil || again != d {
			t.Fatalf("%v does not round-trip: %v, %v", d, again, err)
		}
	})
}

// FuzzParseKind checks that ParseKind never panics and that an accepted kind
// round-trips through String.
func FuzzParseKind(f *testing.F) {
	// Seeds: every identifier, a wrong case, padding, and garbage.
	for _, k := range certificate.Kinds() {
		f.Add(k.String())
	}
	for _, s := range []string{"ID_CARD", " passport", "visa", "\x00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := certificate.ParseKind(s)
		if err != nil {
			return
		}
		if !k.Valid() {
			t.Fatalf("ParseKind(%q) = invalid kind %d", s, k)
		}
		again, err := certificate.ParseKind(k.String())
		if err != nil || again != k {
			t.Fatalf("%v does not round-trip", k)
		}
	})
}
