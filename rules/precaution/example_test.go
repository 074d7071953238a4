package precaution_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// exampleNow is the clock of the examples: 25 November 2026.
func exampleNow() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) }

// exampleApplication is a valid application with a PRC identity card: the
// number 11010519491231002X is the worked example of GB 11643-1999; its
// holder, a woman born 1949-12-31, was 60 when the card was issued in 2010,
// so the card is long-term.
func exampleApplication() precaution.Application {
	cn := language.MustParseRegion("CN")
	return precaution.Application{
		Account: precaution.Account{ID: "acct-1", RegistrationRegion: cn},
		Claim:   precaution.Claim{Name: "张三", Kind: certificate.IDCard, Region: "CN", Number: "11010519491231002x"},
		Document: precaution.Document{
			Kind:          certificate.IDCard,
			Number:        "11010519491231002X",
			Name:          "张三",
			Birth:         certificate.Date{Year: 1949, Month: 12, Day: 31},
			Validity:      certificate.Validity{Issued: certificate.Date{Year: 2010, Month: 5, Day: 1}, LongTerm: true},
			IssuingRegion: cn,
		},
	}
}

func printViolations(vs []rules.Violation, err error) {
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	if len(vs) == 0 {
		fmt.Println("ok")
	}
	for _, v := range vs {
		fmt.Println(v.Field, v.Code, v.Severity, v.Params)
	}
}

func ExampleNew() {
	r, err := precaution.New(precaution.Options{Numbers: schemes.Default(), Clock: certificate.Clock{Now: exampleNow}})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := rules.Evaluate(context.Background(), r, exampleApplication())
	fmt.Println(res.Verdict(), err)
	a := exampleApplication()
	a.Account.RegistrationRegion = language.MustParseRegion("HK")
	a.Claim.Name = "李四"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// accept <nil>
	// document.issuing_region certificate.region_mismatch reject [{issuing_region CN} {account_region HK}]
	// claim.name claim.name_mismatch reject []
}

func ExampleChecks() {
	checks, err := precaution.Checks(precaution.Options{Numbers: schemes.Default(), Clock: certificate.Clock{Now: exampleNow}})
	if err != nil {
		fmt.Println(err)
		return
	}
	// A driving licence issued in the Chinese mainland: the region check and
	// the number check both refuse it, and DropRepeats keeps one.
	a := precaution.Application{
		Account: precaution.Account{RegistrationRegion: language.MustParseRegion("CN")},
		Claim:   precaution.Claim{Name: "张三", Kind: certificate.DriverLicense, Region: "CN", Number: "440301199001011234"},
		Document: precaution.Document{
			Kind: certificate.DriverLicense, Number: "440301199001011234", Name: "张三",
			Validity: certificate.Validity{Issued: certificate.Date{Year: 2020, Month: 1, Day: 1}, Expires: certificate.Date{Year: 2030, Month: 1, Day: 1}},
		},
	}
	seen := map[rules.Code]bool{}
	for _, c := range checks {
		vs, err := c.Rule.Check(context.Background(), a)
		if err != nil {
			fmt.Println(c.Name, "error:", err)
			continue
		}
		vs = precaution.DropRepeats(seen, vs)
		fmt.Println(c.Name, len(vs))
	}
	// Output:
	// account.eligible 0
	// claim.kind 0
	// claim.name 0
	// certificate.region 1
	// certificate.number 0
	// certificate.validity 0
	// certificate.mrz 0
	// certificate.consistent 0
	// claim.name_match 0
	// claim.number_match 0
	// certificate.zone_read 0
}

func ExampleOptions() {
	// Only Hong Kong passports and identity cards for HK accounts, and at
	// least 30 days of validity left.
	hk := language.MustParseRegion("HK")
	r, err := precaution.New(precaution.Options{
		Numbers: schemes.Default(),
		Clock:   certificate.Clock{Now: exampleNow},
		Kinds: precaution.KindPolicy{ByRegion: map[language.Region][]certificate.Kind{
			hk: {certificate.Passport, certificate.IDCard},
		}},
		Validity: precaution.ValidityOptions{MinRemainingDays: 30},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := exampleApplication()
	a.Account.RegistrationRegion = hk
	a.Claim.Kind = certificate.HKMOTravelPermit
	vs, err := r.Check(context.Background(), a)
	fmt.Println(len(vs) > 0, err, vs[0].Code)
	// Output: true <nil> claim.kind_not_allowed
}

func ExampleOptions_clock() {
	// Calendar dates are compared in China Standard Time unless the clock's
	// Location says otherwise: 17:00 UTC on the expiry date is already the
	// next day in Beijing, not yet in London.
	late := func() time.Time { return time.Date(2030, 3, 1, 17, 0, 0, 0, time.UTC) }
	london, _ := time.LoadLocation("Europe/London")
	a := exampleApplication()
	a.Document.Validity = certificate.Validity{Expires: certificate.Date{Year: 2030, Month: 3, Day: 1}}
	for _, clock := range []certificate.Clock{{Now: late}, {Now: late, Location: london}} {
		r, err := precaution.New(precaution.Options{Numbers: schemes.Default(), Clock: clock})
		if err != nil {
			fmt.Println(err)
			return
		}
		res, err := rules.Evaluate(context.Background(), r, a)
		fmt.Println(res.Verdict(), err, res.Violations)
	}
	// Output:
	// reject <nil> [document.validity.expires: certificate.expired]
	// accept <nil> []
}

func ExampleApplication_now() {
	// Application.Now judges one application at another time than the
	// clock, for example when a person reviews it days after it was
	// submitted.
	r, err := precaution.CertificateValid(certificate.Clock{Now: exampleNow}, precaution.ValidityOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := exampleApplication()
	a.Document.Validity = certificate.Validity{Issued: certificate.Date{Year: 2006, Month: 11, Day: 20}, Expires: certificate.Date{Year: 2026, Month: 11, Day: 20}}
	a.Document.Birth = certificate.Date{Year: 1980, Month: 1, Day: 1}
	printViolations(r.Check(context.Background(), a))
	a.Now = time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC) // when it was submitted
	printViolations(r.Check(context.Background(), a))
	// Output:
	// document.validity.expires certificate.expired reject [{expires 2026-11-20}]
	// ok
}

func ExampleApplication_NumberRegion() {
	a := precaution.Application{
		Account: precaution.Account{RegistrationRegion: language.MustParseRegion("HK")},
		Claim:   precaution.Claim{Kind: certificate.HKMOResidencePermit},
	}
	fmt.Println(a.NumberRegion()) // the mainland issues the residence permits
	a.Claim.Kind = certificate.IDCard
	fmt.Println(a.NumberRegion()) // the account's region
	a.Claim.Region = "US-CA"
	fmt.Println(a.NumberRegion()) // the region the applicant picked
	// Output:
	// CN
	// HK
	// US-CA
}

func ExampleAccountEligible() {
	r := precaution.AccountEligible(precaution.AccountOptions{})
	printViolations(r.Check(context.Background(), precaution.Account{ID: "p-1", PartnerProgram: true}))
	printViolations(r.Check(context.Background(), precaution.Account{ID: "a-1", Standing: precaution.StandingAuthenticated}))
	printViolations(r.Check(context.Background(), precaution.Account{ID: "a-2", Standing: precaution.StandingPending}))
	// Output:
	//  account.partner_program reject []
	//  account.already_authenticated reject []
	// ok
}

func ExampleAccountOptions() {
	strict := precaution.AccountEligible(precaution.AccountOptions{RefusePending: true})
	printViolations(strict.Check(context.Background(), precaution.Account{ID: "a-2", Standing: precaution.StandingPending}))
	// Output:
	//  account.application_pending reject []
}

func ExampleKindAllowed() {
	r, err := precaution.KindAllowed(precaution.KindPolicy{}) // every kind everywhere
	if err != nil {
		fmt.Println(err)
		return
	}
	a := exampleApplication()
	printViolations(r.Check(context.Background(), a))
	a.Claim.Kind = 0
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// claim.kind claim.kind_invalid reject []
}

func ExampleKindPolicy() {
	cn := language.MustParseRegion("CN")
	r, err := precaution.KindAllowed(precaution.KindPolicy{
		ByRegion: map[language.Region][]certificate.Kind{cn: {certificate.IDCard}},
		Default:  []certificate.Kind{certificate.Passport},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := exampleApplication()
	printViolations(r.Check(context.Background(), a))
	a.Claim.Kind = certificate.Passport
	printViolations(r.Check(context.Background(), a))
	a.Account.RegistrationRegion = language.MustParseRegion("FR")
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// claim.kind claim.kind_not_allowed reject [{kind passport} {account_region CN}]
	// ok
}

func ExampleNameWellFormed() {
	r := precaution.NameWellFormed(precaution.NameOptions{})
	for _, name := range []string{"阿依古丽·买买提", "Anna\u202eairaM", "Аnna"} { // the last begins with Cyrillic А
		printViolations(r.Check(context.Background(), name))
	}
	// Output:
	// ok
	//  name.bidi_control reject []
	//  name.mixed_script review [{scripts Latin+Cyrillic}]
}

func ExampleNameOptions() {
	r := precaution.NameWellFormed(precaution.NameOptions{MaxRunes: 4, AllowMixedScripts: true})
	printViolations(r.Check(context.Background(), "Аnna")) // Cyrillic А allowed by option
	printViolations(r.Check(context.Background(), "Anna Maria"))
	// Output:
	// ok
	//  name.too_long reject [{limit 4}]
}

func ExampleNameViolations() {
	fmt.Println(precaution.NameViolations(" "))
	fmt.Println(precaution.NameViolations("张\u200b三"))
	fmt.Println(precaution.NameViolations("张三"))
	// Output:
	// [name.empty]
	// [name.invisible_character]
	// []
}

func ExampleIssuingRegion() {
	r, err := precaution.IssuingRegion(precaution.RegionOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := exampleApplication()
	printViolations(r.Check(context.Background(), a))

	// The ICAO specimen passport (issuing state UTO).
	a.Claim.Kind, a.Document.Kind = certificate.Passport, certificate.Passport
	a.Document.MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
	printViolations(r.Check(context.Background(), a))

	// A passport of Kosovo (XKX) for a Kosovar account, and one of
	// Yugoslavia (YUG, withdrawn from ISO 3166-1), which a person judges.
	a = precaution.Application{
		Account:  precaution.Account{RegistrationRegion: language.MustParseRegion("XK")},
		Claim:    precaution.Claim{Kind: certificate.Passport},
		Document: precaution.Document{Kind: certificate.Passport, IssuingState: "XKX"},
	}
	printViolations(r.Check(context.Background(), a))
	a.Document.IssuingState = "YUG"
	printViolations(r.Check(context.Background(), a))

	// A Home Return Permit of a Macao resident, for a CN account.
	a = exampleApplication()
	a.Claim.Kind, a.Document.Kind, a.Document.Number = certificate.HKMOTravelPermit, certificate.HKMOTravelPermit, "M12345678"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// document.issuing_state certificate.specimen reject []
	// ok
	// document.issuing_state mrz.state_withdrawn review [{issuer YUG}]
	// document.issuing_region certificate.region_mismatch reject [{issuing_region MO} {account_region CN}]
}

func ExampleDefaultRegionPolicy() {
	sources := map[precaution.RegionSource]string{
		precaution.FromDocument:     "as read from the document",
		precaution.FromIssuingState: "the MRZ issuing state",
		precaution.FromScheme:       "the region of the number scheme",
		precaution.FromPermitLetter: "H: HK, M: MO",
	}
	policy := precaution.DefaultRegionPolicy()
	for _, k := range certificate.Kinds() {
		p := policy[k]
		from := sources[p.Source]
		if p.Source == precaution.Fixed {
			from = p.Fixed.String()
		}
		fmt.Printf("%s: %s; refused %v\n", k, from, p.Refuse)
	}
	// Output:
	// passport: the MRZ issuing state; refused []
	// id_card: the region of the number scheme; refused []
	// hkmo_travel_permit: H: HK, M: MO; refused []
	// tw_travel_permit: TW; refused []
	// hkmo_residence_permit: CN; refused []
	// tw_residence_permit: CN; refused []
	// driver_license: as read from the document; refused [CN]
}

func ExampleRegionOptions() {
	// Accept Hong Kong and Macao accounts for the Residence Permit for Hong
	// Kong and Macao Residents, which the mainland issues.
	policy := precaution.DefaultRegionPolicy()
	p := policy[certificate.HKMOResidencePermit]
	p.AlsoAccept = []language.Region{language.MustParseRegion("HK"), language.MustParseRegion("MO")}
	policy[certificate.HKMOResidencePermit] = p
	r, err := precaution.IssuingRegion(precaution.RegionOptions{Policy: policy})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := precaution.Application{
		Account: precaution.Account{RegistrationRegion: language.MustParseRegion("HK")},
		Claim:   precaution.Claim{Kind: certificate.HKMOResidencePermit},
	}
	printViolations(r.Check(context.Background(), a))

	// Documents of stateless persons, and licences issued in the mainland,
	// are refused whatever the policy of other kinds.
	stateless := precaution.Application{
		Account:  precaution.Account{RegistrationRegion: language.MustParseRegion("DE")},
		Claim:    precaution.Claim{Kind: certificate.Passport},
		Document: precaution.Document{Kind: certificate.Passport, IssuingState: "XXA"},
	}
	printViolations(r.Check(context.Background(), stateless))
	licence := precaution.Application{
		Account:  precaution.Account{RegistrationRegion: language.MustParseRegion("CN")},
		Claim:    precaution.Claim{Kind: certificate.DriverLicense, Region: "CN"},
		Document: precaution.Document{Kind: certificate.DriverLicense},
	}
	printViolations(r.Check(context.Background(), licence))
	// Output:
	// ok
	// document.issuing_state certificate.issuer_not_state reject [{issuer XXA}]
	// document.issuing_region driverlicense.issued_in_mainland reject [{kind driver_license} {issuing_region CN}]
}

func ExampleKindRegion() {
	// Take the issuing region of driving licences from a fixed region, for
	// a service that only accepts licences of Hong Kong.
	policy := map[certificate.Kind]precaution.KindRegion{
		certificate.DriverLicense: {Source: precaution.Fixed, Fixed: language.MustParseRegion("HK")},
	}
	r, err := precaution.IssuingRegion(precaution.RegionOptions{Policy: policy})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := precaution.Application{
		Account: precaution.Account{RegistrationRegion: language.MustParseRegion("MO")},
		Claim:   precaution.Claim{Kind: certificate.DriverLicense},
	}
	printViolations(r.Check(context.Background(), a))
	// Output:
	// document.issuing_region certificate.region_mismatch reject [{issuing_region HK} {account_region MO}]
}

func ExampleCertificateValid() {
	r, err := precaution.CertificateValid(certificate.Clock{Now: exampleNow}, precaution.ValidityOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := exampleApplication()
	printViolations(r.Check(context.Background(), a))
	// A 20-year card that expired five days ago, of a holder who was 56
	// when it was issued: it should have been long-term.
	a.Document.Validity = certificate.Validity{Issued: certificate.Date{Year: 2006, Month: 11, Day: 20}, Expires: certificate.Date{Year: 2026, Month: 11, Day: 20}}
	printViolations(r.Check(context.Background(), a))

	// Without a birth date read, the one the number encodes counts: a
	// long-term card issued on 2016-06-01 to a holder born 1990-01-01 (aged
	// 26, who gets a 20-year card).
	a = exampleApplication()
	a.Claim.Number, a.Document.Number, a.Document.Birth = "110105199001010010", "110105199001010010", certificate.Date{}
	a.Document.Validity = certificate.Validity{Issued: certificate.Date{Year: 2016, Month: 6, Day: 1}, LongTerm: true}
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// document.validity.expires certificate.expired reject [{expires 2026-11-20}]
	// document.validity certificate.validity_period_mismatch reject [{actual 20y} {allowed long-term}]
	// document.validity certificate.validity_period_mismatch reject [{actual long-term} {allowed 20y}]
}

func ExampleValidityOptions() {
	r, err := precaution.CertificateValid(certificate.Clock{Now: exampleNow}, precaution.ValidityOptions{MinRemainingDays: 30})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := exampleApplication()
	a.Document.Birth = certificate.Date{Year: 1980, Month: 5, Day: 20}
	a.Document.Validity = certificate.Validity{Issued: certificate.Date{Year: 2006, Month: 12, Day: 10}, Expires: certificate.Date{Year: 2026, Month: 12, Day: 10}}
	printViolations(r.Check(context.Background(), a))
	// Output:
	// document.validity.expires certificate.expires_soon reject [{days 15} {min_days 30}]
}

func ExampleValidityOptions_skipPeriodCheck() {
	// A 20-year card of a holder who was 60 when it was issued does not fit
	// the law, unless the period check is off.
	a := exampleApplication()
	a.Document.Validity = certificate.Validity{Issued: certificate.Date{Year: 2010, Month: 5, Day: 1}, Expires: certificate.Date{Year: 2030, Month: 5, Day: 1}}
	for _, skip := range []bool{false, true} {
		r, err := precaution.CertificateValid(certificate.Clock{Now: exampleNow}, precaution.ValidityOptions{SkipPeriodCheck: skip})
		if err != nil {
			fmt.Println(err)
			return
		}
		printViolations(r.Check(context.Background(), a))
	}
	// Output:
	// document.validity certificate.validity_period_mismatch reject [{actual 20y} {allowed long-term}]
	// ok
}

func ExampleValidNumber() {
	r := precaution.ValidNumber(schemes.Default(), certificate.Clock{Now: exampleNow})
	a := exampleApplication()
	printViolations(r.Check(context.Background(), a))
	a.Claim.Number = "360426199101010072"
	printViolations(r.Check(context.Background(), a))
	a.Claim.Region = "FR"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// claim.number number.invalid_checksum reject [{number 3604**********0072} {kind id_card}]
	// claim.number claim.number_unsupported review [{kind id_card} {region FR}]
}

func ExampleNumberViolation() {
	reg := schemes.Default()
	_, err := reg.Parse(certificate.IDCard, "CN", "360426199113010079") // month 13
	v := precaution.NumberViolation(certificate.IDCard, "CN", "360426199113010079", err)
	fmt.Println(v.Code, v.Params)
	// Output:
	// number.invalid_birth_date [{number 3604**********0079} {kind id_card}]
}

func ExampleNumberMatches() {
	r := precaution.NumberMatches(schemes.Default(), certificate.Clock{Now: exampleNow})
	a := exampleApplication()
	a.Claim.Number = "110105491231002" // the legacy 15-digit form of the number on the card
	printViolations(r.Check(context.Background(), a))
	a.Claim.Number = "360426199101010071"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// claim.number claim.number_mismatch reject [{number 3604**********0071}]
}

func ExampleNameMatches() {
	r := precaution.NameMatches(precaution.MatchOptions{})
	a := exampleApplication()
	a.Claim.Kind, a.Document.Kind, a.Document.Name = certificate.Passport, certificate.Passport, ""
	a.Claim.Name, a.Document.Surname, a.Document.GivenNames = "Jürgen Müller", "MUELLER", "JUERGEN"
	printViolations(r.Check(context.Background(), a))
	a.Claim.Name = "Jürgen Meyer"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// claim.name claim.name_mismatch reject []
}

func ExampleMatchOptions() {
	exact := func(typed, document string) bool { return typed == document }
	r := precaution.NameMatches(precaution.MatchOptions{NameMatcher: exact})
	a := exampleApplication()
	a.Document.Name = "张 三"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// claim.name claim.name_mismatch reject []
}

func ExampleMatchOptions_mrzNameMatcher() {
	// Compare the surname only, for a service that accepts any order and
	// spelling of given names.
	surnameOnly := func(typed, primary, _ string, _ bool) bool {
		return strings.Contains(strings.ToUpper(typed), primary)
	}
	r := precaution.NameMatches(precaution.MatchOptions{MRZNameMatcher: surnameOnly})
	a := precaution.Application{
		Claim:    precaution.Claim{Name: "Annie Eriksson"},
		Document: precaution.Document{Surname: "ERIKSSON", GivenNames: "ANNA MARIA"},
	}
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
}

func ExampleStanding_String() {
	for _, s := range []precaution.Standing{precaution.StandingNone, precaution.StandingPending, precaution.StandingAuthenticated} {
		fmt.Println(s)
	}
	// Output:
	// none
	// pending
	// authenticated
}

func ExampleZoneAgrees() {
	// The specimen passport of ICAO Doc 9303 Part 4, judged in 2011 when it
	// was still valid; its data page says the holder is male.
	in2011 := certificate.Clock{Now: func() time.Time { return time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC) }}
	a := precaution.Application{
		Claim: precaution.Claim{Kind: certificate.Passport, Number: "L898902C3"},
		Document: precaution.Document{
			Kind: certificate.Passport, Number: "L898902C3",
			Birth: certificate.Date{Year: 1974, Month: 8, Day: 12}, Sex: certificate.Male,
			MRZ: "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
		},
	}
	printViolations(precaution.ZoneAgrees(in2011).Check(context.Background(), a))
	// Output:
	// document.mrz application.mrz_mismatch reject [{item sex}]
}

func ExampleConsistent() {
	// The number 11010519491231002X encodes a woman born 1949-12-31.
	r := precaution.Consistent(schemes.Default(), certificate.Clock{Now: exampleNow})
	a := exampleApplication()
	a.Document.Sex = certificate.Female
	printViolations(r.Check(context.Background(), a))
	a.Document.Birth, a.Document.Sex = certificate.Date{Year: 1949, Month: 3, Day: 12}, certificate.Male
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// document.birth certificate.birth_contradicts_number reject [{birth 1949-03-12} {number 1101**********002X}]
	// document.sex certificate.sex_contradicts_number reject [{number 1101**********002X}]
}

func ExampleDVLAMatches() {
	// The DVLA leaflet's driver number encodes MORGAN, born 5 July 1964,
	// female, initials S M; the document says the holder was born on the 6th.
	a := precaution.Application{
		Account: precaution.Account{RegistrationRegion: language.MustParseRegion("GB")},
		Claim:   precaution.Claim{Kind: certificate.DriverLicense, Region: "GB", Number: "MORGA657054SM9IJ"},
		Document: precaution.Document{
			Kind:       certificate.DriverLicense,
			Surname:    "MORGAN",
			GivenNames: "SARAH MEREDYTH",
			Birth:      certificate.Date{Year: 1964, Month: 7, Day: 6},
			Sex:        certificate.Female,
		},
	}
	printViolations(precaution.DVLAMatches().Check(context.Background(), a))

	// It is not part of New: compose it with rules.All.
	base, err := precaution.New(precaution.Options{Numbers: schemes.Default(), Clock: certificate.Clock{Now: exampleNow}})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = rules.All(base, precaution.DVLAMatches())
	// Output:
	// claim.number driverlicense.birth_date_mismatch reject [{number MORG********M9IJ}]
}

func ExampleDropRepeats() {
	seen := map[rules.Code]bool{}
	region := []rules.Violation{rules.Violate("driverlicense.issued_in_mainland", rules.Reject, true).At("document.issuing_region")}
	number := []rules.Violation{
		rules.Violate("driverlicense.issued_in_mainland", rules.Reject, true).At("claim.number"),
		rules.Violate(precaution.CodeNameMismatch, rules.Reject, true).At("claim.name"),
	}
	fmt.Println(precaution.DropRepeats(seen, region))
	fmt.Println(precaution.DropRepeats(seen, number))
	// Output:
	// [document.issuing_region: driverlicense.issued_in_mainland]
	// [claim.name: claim.name_mismatch]
}

func ExampleReportedOnce() {
	fmt.Println(precaution.ReportedOnce("driverlicense.issued_in_mainland"))
	fmt.Println(precaution.ReportedOnce(precaution.CodeExpired))
	// Output:
	// true
	// false
}

func ExampleMessages() {
	l, err := rules.NewLocalizer(precaution.Messages()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	v := rules.Violate(precaution.CodeRegionMismatch, rules.Reject, true, "issuing_region", "TW", "account_region", "HK")
	for _, accept := range []string{"en-US", "zh-CN", "zh-HK"} {
		fmt.Println(l.Message(l.Match(accept), v))
	}
	// Output:
	// The certificate was issued in Taiwan, but the account is registered in Hong Kong SAR China. Use a certificate issued in Hong Kong SAR China.
	// 该证件签发地为台湾，而账号注册地为中国香港特别行政区。请使用中国香港特别行政区签发的证件。
	// 該證件簽發地為台灣，而帳號註冊地為中國香港特別行政區。請使用中國香港特別行政區簽發的證件。
}
