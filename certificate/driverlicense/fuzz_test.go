package driverlicense_test

import (
	"errors"
	"testing"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
)

// FuzzParse parses arbitrary text under a handful of regions: no panic,
// every error a *NumberError with a reason, and canonical → parse → the same
// canonical.
func FuzzParse(f *testing.F) {
	// Seeds: the DVLA leaflet number, a Northern Ireland number, US formats
	// (California, Washington with '*', Florida with hyphens), a generic
	// number, a mainland number, and malformed input.
	for _, s := range []string{
		"MORGA657054SM9IJ", "MORGA 657054 SM 9IJ 35", "12345678", "A1234567", "SMITHJ*123AB",
		"S123-456-78-901-0", "12AB34567", "A123456(3)", "440301199001011234",
		"", "()", "ａ１２３４５６７", "\xff", "999999999999999999999999999999",
	} {
		f.Add(s)
	}
	reg, err := certificate.NewRegistry(driverlicense.Schemes()...)
	if err != nil {
		f.Fatal(err)
	}
	regions := []string{"GB", "US-CA", "US-WA", "US-NY", "FR", "HK", "CN", ""}
	f.Fuzz(func(t *testing.T, input string) {
		for _, region := range regions {
			p, err := reg.Parse(certificate.DriverLicense, region, input)
			if err != nil {
				var ne *certificate.NumberError
				if !errors.As(err, &ne) || certificate.ReasonName(ne.Reason) == "" {
					t.Fatalf("%s: %v is not a *NumberError with a reason", region, err)
				}
				continue
			}
			c := p.Number.Canonical()
			again, err := reg.Parse(certificate.DriverLicense, region, c)
			if err != nil || again.Number.Canonical() != c {
				t.Fatalf("%s: canonical %q of %q does not parse to itself: %v", region, c, input, err)
			}
		}
	})
}

// FuzzCheckDVLA: no panic on any number or surname.
func FuzzCheckDVLA(f *testing.F) {
	// Seeds: the DVLA leaflet number with its holder, a Mac surname encoded
	// MC with no initials, and an empty number with invalid UTF-8 and
	// accented names.
	f.Add("MORGA657054SM9IJ", "Morgan", "Sarah Meredith")
	f.Add("MCDON701015J99AB", "MacDonald", "")
	f.Add("", "\xff", "ä ö")
	f.Fuzz(func(t *testing.T, number, surname, given string) {
		err := driverlicense.CheckDVLA(number, driverlicense.Holder{Surname: surname, GivenNames: given})
		var ne *certificate.NumberError
		var me *driverlicense.MismatchError
		if err != nil && !errors.As(err, &ne) && !errors.As(err, &me) {
			t.Fatalf("unexpected error type %T", err)
		}
	})
}

// FuzzParseEU: no panic; every error joins *FieldError values.
func FuzzParseEU(f *testing.F) {
	// Seeds: a German licence in the dotted date form, a UK licence in ISO
	// and slashed dates with the DVLA leaflet number, and every field empty.
	f.Add("DE", "15.03.2020", "14.03.2035", "Stadt Köln", "B072RRE2I55")
	f.Add("GB", "2020-01-01", "31/12/2029", "DVLA", "MORGA657054SM9IJ")
	f.Add("", "", "", "", "")
	f.Fuzz(func(t *testing.T, region, issue, expiry, auth, number string) {
		_, err := driverlicense.ParseEU(region, driverlicense.EUFields{IssueDate: issue, ExpiryDate: expiry, Authority: auth, Number: number}, driverlicense.Options{})
		if err == nil {
			return
		}
		for _, e := range unjoin(err) {
			var fe *driverlicense.FieldError
			if !errors.As(e, &fe) || fe.Code == "" {
				t.Fatalf("error %v is not a *FieldError with a code", e)
			}
		}
	})
}
