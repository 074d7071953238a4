package driverlicense

import (
	"regexp"
	"sync"
)

//go:generate go run gen.go

// usFormat is one US jurisdiction's licence-number format.
type usFormat struct {
	state       string // USPS code, for example "CA"
	source      string // the published regular expression
	pattern     string // its Go form
	length      int    // exact length, or 0
	description string
}

// usMatcher compiles a format's expression on first use. Each scheme owns
// its matcher: there is no shared cache.
type usMatcher struct {
	f  usFormat
	re func() *regexp.Regexp
}

func newUSMatcher(f usFormat) *usMatcher {
	return &usMatcher{f: f, re: sync.OnceValue(func() *regexp.Regexp {
		// The generator compiled every pattern; a failure here cannot happen.
		re, err := regexp.Compile(f.pattern)
		if err != nil {
			return regexp.MustCompile(`^\b$`) // matches nothing
		}
		return re
	})}
}

func (m *usMatcher) match(s string) bool {
	if m.f.length != 0 && len(s) != m.f.length {
		return false
	}
	return m.re().MatchString(s)
}

// USStates returns the USPS codes of the US jurisdictions with a format, in
// the source's order.
func USStates() []string {
	out := make([]string, 0, len(usFormats))
	for _, f := range usFormats {
		out = append(out, f.state)
	}
	return out
}

// USFormat returns the published expression and description of a US
// jurisdiction's licence-number format (state as a USPS code, "CA").
func USFormat(state string) (expr, description string, ok bool) {
	for _, f := range usFormats {
		if f.state == state {
			return f.source, f.description, true
		}
	}
	return "", "", false
}
