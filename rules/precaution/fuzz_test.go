package precaution_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// FuzzPrecautions feeds arbitrary typed and read text through every
// typed-value precaution: no panic, no error, every violation carries a
// code with a message, and a number parameter is never the number in full.
func FuzzPrecautions(f *testing.F) {
	for _, s := range []struct{ name, number, docName, docNumber, state, mrz string }{
		{"张三", "11010519491231002x", "张三", "11010519491231002X", "", ""},               // valid PRC card
		{"Anna Maria Eriksson", "L898902C3", "", "L898902C3", "UTO", ""},               // specimen passport
		{"Аnna", "110105491231002", "Anna", "11010519491231002X", "XXA", ""},           // look-alike, stateless
		{"\u202e", "１１０１０５", "", "", "", "P<D<<MUELLER<<JUERGEN"},                      // bidi, full-width, MRZ
		{"", "", "", "", "<<<", "\n\n"},                                                // empty everything
		{"x", "H12345678", "x", "M12345678", "GBN", "I<GBN"},                           // permit letters, GB codes
		{"\xff", "\x00", "\xfe", "\u0000", "\u00e9", "\u00e9\u00e9\u00e9\u00e9\u00e9"}, // invalid UTF-8 and NUL
	} {
		f.Add(s.name, s.number, s.docName, s.docNumber, s.state, s.mrz)
	}
	r, err := precaution.New(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}})
	if err != nil {
		f.Fatal(err)
	}
	l, err := rules.NewLocalizer(precaution.Messages()...)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, number, docName, docNumber, state, mrz string) {
		for _, kind := range certificate.Kinds() {
			a := validApplication()
			a.Claim.Name, a.Claim.Number, a.Claim.Kind = name, number, kind
			a.Document.Name, a.Document.Number, a.Document.Kind = docName, docNumber, kind
			a.Document.IssuingState, a.Document.MRZ = state, mrz
			vs, err := r.Check(context.Background(), a)
			if err != nil {
				t.Fatalf("error %v", err)
			}
			for _, v := range vs {
				// Codes of this package's domains need a message here; the
				// schemes' codes are checked by TestEmittedCodesHaveMessages.
				domain, _, _ := strings.Cut(string(v.Code), ".")
				if (domain == "certificate" || domain == "claim" || domain == "name" || domain == "account") && !l.Has(v.Code) {
					t.Errorf("code %s has no message", v.Code)
				}
				if p := v.Param("number"); len(number) >= 8 && p == number {
					t.Errorf("%s carries the full number", v.Code)
				}
			}
		}
	})
}

// FuzzMatchLanguage feeds arbitrary Accept-Language values to a localizer of
// this package's messages: no panic, and the answer is always one of its
// languages.
func FuzzMatchLanguage(f *testing.F) {
	// Seeds: the header examples of RFC 9110 §12.5.4, Chinese script and
	// region variants, a malformed weight, a wildcard, over-long input and
	// the empty header.
	for _, s := range []string{"da, en-gb;q=0.8, en;q=0.7", "zh-HK,zh;q=0.9", "zh-Hans-TW", "zh-SG", "en;q=x",
		"*", strings.Repeat("zh-TW,", 200), ""} {
		f.Add(s)
	}
	l, err := rules.NewLocalizer(precaution.Messages()...)
	if err != nil {
		f.Fatal(err)
	}
	langs := l.Languages()
	f.Fuzz(func(t *testing.T, header string) {
		got := l.Match(header)
		if !slices.Contains(langs, got) {
			t.Fatalf("Match(%q) = %v, not one of %v", header, got, langs)
		}
	})
}
