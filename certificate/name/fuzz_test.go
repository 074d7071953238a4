package name

import "testing"

func FuzzMatch(f *testing.F) {
	// Seeds: Latin names with diacritics in composed and decomposed form, an
	// MRZ name with fillers, a Chinese name with a middle dot, full-width
	// letters, separators only, and invalid UTF-8.
	for _, s := range [][2]string{
		{"Müller", "MUELLER"},
		{"Mu\u0308ller Jürgen", "JUERGEN<<MULLER"},
		{"Anna Maria Eriksson", "ERIKSSON<<ANNA<MARIA"},
		{"阿依古丽·买买提", "阿依古丽买买提"},
		{"ＡＮＮＡ", "anna"},
		{"-' <", "<<<"},
		{"\xff\xfe", "A"},
		{"Ñúñez Ø'Þór", "NUNEZ OETHOR"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab := Match(a, b)
		if ab != Match(b, a) {
			t.Fatalf("Match(%q, %q) is not symmetric", a, b)
		}
		if Normalize(a) != "" && !Match(a, a) {
			t.Fatalf("Match(%q, itself) is false", a)
		}
		if MatchMRZ(a, b, "", false) != ab {
			t.Fatalf("MatchMRZ with one identifier differs from Match for %q, %q", a, b)
		}
		if ab && !MatchMRZ(a, b, "", true) {
			t.Fatalf("a full match is also a truncated match: %q, %q", a, b)
		}
		// Round trip: the normal form matches the name it came from (when
		// it is short enough to be compared at all).
		if n := Normalize(a); n != "" && len(n) <= MaxLen && !Match(n, a) {
			t.Fatalf("Normalize(%q) = %q does not match it", a, n)
		}
	})
}
