package cn_test

import (
	"errors"
	"testing"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
)

// fuzzScheme checks that Parse never panics, that every error is a coded
// *NumberError matching one reason, and that the canonical form parses to
// itself.
func fuzzScheme(t *testing.T, s certificate.Scheme, input string) {
	p, err := s.Parse(input)
	if err != nil {
		var ne *certificate.NumberError
		if !errors.As(err, &ne) || ne.Code == "" || certificate.ReasonName(err) == "" {
			t.Fatalf("Parse(%q): uncoded error %v", input, err)
		}
		return
	}
	c := p.Number.Canonical()
	q, err := s.Parse(c)
	if err != nil {
		t.Fatalf("canonical %q of %q does not parse: %v", c, input, err)
	}
	if !q.Number.Equal(p.Number) || q.Birth != p.Birth || q.Sex != p.Sex || q.HolderRegion != p.HolderRegion {
		t.Fatalf("round trip of %q changed: %+v -> %+v", input, p, q)
	}
}

func FuzzIDCard(f *testing.F) {
	for _, seed := range []string{
		"11010519491231002X", // README quick start
		"44011320141005001x", // lower-case check (python-stdnum)
		"110101491001001",    // legacy 15 digits
		"235407195106112745", // county missing from the table
		"１１０１０５１９４９１２３１００２ｘ", // full width
		"110105-19491231-002X", // separators
		"360426199113010079",   // month 13
		"",                     // empty
		"81000019900101002X",   // permit code on an identity card
	} {
		f.Add(seed)
	}
	strict := onTestClock(cn.NewIDCard(cn.Options{StrictBirthYear: true}))
	lenient := onTestClock(cn.NewIDCard(cn.Options{}))
	f.Fuzz(func(t *testing.T, s string) {
		fuzzScheme(t, lenient, s)
		fuzzScheme(t, strict, s)
	})
}

func FuzzResidencePermit(f *testing.F) {
	for _, seed := range []string{
		withCheck("81000019900101002"), // Hong Kong
		withCheck("83000019700101004"), // Taiwan
		"11010519491231002X",           // identity card number
		"8100001990010100",             // short
	} {
		f.Add(seed)
	}
	hkmo := onTestClock(cn.NewHKMOResidencePermit(cn.Options{}))
	tw := onTestClock(cn.NewTWResidencePermit(cn.Options{}))
	f.Fuzz(func(t *testing.T, s string) {
		fuzzScheme(t, hkmo, s)
		fuzzScheme(t, tw, s)
	})
}

func FuzzHKMOTravelPermit(f *testing.F) {
	for _, seed := range []string{
		"H12345678",     // current card
		"M1234567801",   // 1999 card
		"HA1234567",     // non-Chinese citizen
		"M12345678(02)", // bracketed issue count
		"Ｈ１２３４５６７８",     // full width
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) { fuzzScheme(t, cn.HKMOTravelPermitScheme{}, s) })
}

func FuzzTWTravelPermit(f *testing.F) {
	for _, seed := range []string{
		"12345678",      // current
		"1234567801(B)", // booklet with authority code
		"12345678017",   // booklet without brackets
		"1234567A",      // letter
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) { fuzzScheme(t, cn.TWTravelPermitScheme{}, s) })
}
