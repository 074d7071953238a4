package mrz

import (
	"errors"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	// Seeds: every vector (ICAO specimens, JMRTD and Arg0s1080/mrz samples),
	// plus edge cases: CRLF, lower case, a long number with no continuation,
	// an empty string and a string of fillers.
	for _, v := range vectors {
		f.Add(v.text)
	}
	f.Add(strings.ReplaceAll(vectors[0].text, "\n", "\r\n"))
	f.Add(strings.ToLower(vectors[0].text))
	f.Add("I<UTOD23145890<<<<<<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<")
	f.Add("")
	f.Add(strings.Repeat("<", 44) + "\n" + strings.Repeat("<", 44))
	f.Fuzz(func(t *testing.T, text string) {
		m, err := Parse(text, today)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code == "" {
				t.Fatalf("error %v is not a coded *Error", err)
			}
			return
		}
		// Invariants of a parsed zone.
		if m.Format < TD1 || m.Format > MRVB {
			t.Fatalf("format %v", m.Format)
		}
		if m.Valid() != (m.Verify() == nil) {
			t.Fatal("Valid and Verify disagree")
		}
		if !m.Birth.IsZero() && m.Birth.After(today) {
			t.Fatalf("birth %v after today", m.Birth)
		}
		if strings.Contains(m.Primary+m.Secondary, "<") {
			t.Fatal("filler left in a name")
		}
		// Round trip: the same zone with CRLF line ends and surrounding
		// space parses to the same result.
		lf := strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n")
		again, err := Parse(" \r\n"+strings.ReplaceAll(lf, "\n", "\r\n")+"\n", today)
		if err != nil {
			t.Fatalf("CRLF form failed: %v", err)
		}
		if again.DocumentNumber != m.DocumentNumber || again.Birth != m.Birth || again.Expiry != m.Expiry ||
			again.Name() != m.Name() || again.applies != m.applies || again.passed != m.passed {
			t.Fatal("CRLF form parsed differently")
		}
	})
}
