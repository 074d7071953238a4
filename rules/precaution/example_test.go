package precaution_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-playground/validator/v10"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
	"github.com/realname-go/realname/rules/tags"
)

// exampleNow is the clock of the examples: 25 November 2026.
func exampleNow() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) }

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

func ExampleViolate() {
	v := rules.Violate(precaution.CodeExpired, rules.Reject, true, "expires", "2026-01-31").At("document.validity.expires")
	fmt.Println(v)
	fmt.Println(errors.Is(rules.Result{Violations: []rules.Violation{v}}.Err(), precaution.CodeExpired))
	// Output:
	// document.validity.expires: certificate.expired
	// true
}

func ExampleFunc() {
	adultsOnly := rules.Func[int](func(_ context.Context, age int) ([]rules.Violation, error) {
		if age < 18 {
			return []rules.Violation{rules.Violate("acme.minor", rules.Reject, false, "age", fmt.Sprint(age))}, nil
		}
		return nil, nil
	})
	printViolations(adultsOnly.Check(context.Background(), 16))
	// Output:
	//  acme.minor reject [{age 16}]
}

func ExampleAll() {
	r := rules.All(
		rules.Field("account", func(a precaution.Application) precaution.Account { return a.Account }, precaution.AccountEligible(precaution.AccountOptions{})),
		rules.Field("claim.name", func(a precaution.Application) string { return a.Claim.Name }, precaution.NameWellFormed(precaution.NameOptions{})),
	)
	a := exampleApplication()
	a.Account.PartnerProgram = true
	a.Claim.Name = "张\u200b三"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// account account.partner_program reject []
	// claim.name name.invisible_character reject []
}

func ExampleFailFast() {
	r := rules.FailFast(
		rules.Field("claim.name", func(a precaution.Application) string { return a.Claim.Name }, precaution.NameWellFormed(precaution.NameOptions{})),
		precaution.NameMatches(precaution.MatchOptions{}), // not run: the name is already refused
	)
	a := exampleApplication()
	a.Claim.Name = ""
	printViolations(r.Check(context.Background(), a))
	// Output:
	// claim.name name.empty reject []
}

func ExampleAnyOf() {
	// Accept either a number that matches the document, or no document
	// number at all when a person has checked the number by other means.
	checked := rules.Func[precaution.Application](func(_ context.Context, a precaution.Application) ([]rules.Violation, error) {
		if a.Account.ID == "reviewed" {
			return nil, nil
		}
		return []rules.Violation{rules.Violate("acme.not_reviewed", rules.Reject, false)}, nil
	})
	r := rules.AnyOf(precaution.NumberMatches(schemes.Default()), checked)
	a := exampleApplication()
	a.Claim.Number = "360426199101010071"
	printViolations(r.Check(context.Background(), a))
	a.Account.ID = "reviewed"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// claim.number claim.number_mismatch reject [{number 3604**********0071}]
	//  acme.not_reviewed reject []
	// ok
}

func ExampleWhen() {
	passportOnly := rules.Func[precaution.Application](func(context.Context, precaution.Application) ([]rules.Violation, error) {
		return []rules.Violation{rules.Violate("acme.passport_check", rules.Review, false)}, nil
	})
	r := rules.When(func(a precaution.Application) bool { return a.Claim.Kind == certificate.Passport }, passportOnly).
		Else(rules.Field("claim.name", func(a precaution.Application) string { return a.Claim.Name }, precaution.NameWellFormed(precaution.NameOptions{})))
	printViolations(r.Check(context.Background(), exampleApplication()))
	// Output:
	// ok
}

func ExampleWhenRule_Else() {
	isMinor := func(age int) bool { return age < 18 }
	minor := rules.Func[int](func(context.Context, int) ([]rules.Violation, error) {
		return []rules.Violation{rules.Violate("acme.guardian_needed", rules.Review, false)}, nil
	})
	adult := rules.Func[int](func(context.Context, int) ([]rules.Violation, error) { return nil, nil })
	r := rules.When(isMinor, minor).Else(adult)
	printViolations(r.Check(context.Background(), 12))
	printViolations(r.Check(context.Background(), 30))
	// Output:
	//  acme.guardian_needed review []
	// ok
}

func ExampleField() {
	r := rules.Field("claim.name", func(a precaution.Application) string { return a.Claim.Name }, precaution.NameWellFormed(precaution.NameOptions{MaxRunes: 2}))
	printViolations(r.Check(context.Background(), exampleApplication()))
	a := exampleApplication()
	a.Claim.Name = "欧阳娜娜"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// claim.name name.too_long reject [{limit 2}]
}

func ExampleEvaluate() {
	res, err := rules.Evaluate(context.Background(), precaution.AccountEligible(precaution.AccountOptions{}), precaution.Account{Status: precaution.StatusAuthenticated})
	fmt.Println(res.Verdict(), err)
	fmt.Println(errors.Is(res.Err(), precaution.CodeAlreadyAuthenticated))
	// Output:
	// reject <nil>
	// true
}

func ExampleAccountEligible() {
	r := precaution.AccountEligible(precaution.AccountOptions{})
	printViolations(r.Check(context.Background(), precaution.Account{ID: "p-1", PartnerProgram: true}))
	printViolations(r.Check(context.Background(), precaution.Account{ID: "a-1", Status: precaution.StatusPending}))
	strict := precaution.AccountEligible(precaution.AccountOptions{RefusePending: true})
	printViolations(strict.Check(context.Background(), precaution.Account{ID: "a-1", Status: precaution.StatusPending}))
	// Output:
	//  account.partner_program reject []
	// ok
	//  account.application_pending reject []
}

func ExampleKindAllowed() {
	cn := language.MustParseRegion("CN")
	r, err := precaution.KindAllowed(precaution.KindPolicy{
		ByRegion: map[language.Region][]certificate.Kind{cn: {certificate.IDCard}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := exampleApplication()
	printViolations(r.Check(context.Background(), a))
	a.Claim.Kind = certificate.Passport
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// claim.kind claim.kind_not_allowed reject [{kind passport} {account_region CN}]
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

func ExampleCheckName() {
	fmt.Println(precaution.CheckName(" "))
	// Output:
	// [name.empty]
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

	// A Home Return Permit of a Macao resident, for a CN account.
	a = exampleApplication()
	a.Claim.Kind, a.Document.Kind, a.Document.Number = certificate.HKMOTravelPermit, certificate.HKMOTravelPermit, "M12345678"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// document.issuing_state certificate.specimen reject []
	// document.issuing_region certificate.region_mismatch reject [{issuing_region MO} {account_region CN}]
}

func ExampleDefaultRegionPolicy() {
	// Accept Hong Kong and Macao accounts for the residence permit the
	// mainland issues to their residents.
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
	// Output:
	// ok
}

func ExampleCertificateValid() {
	r, err := precaution.CertificateValid(precaution.ValidityOptions{Now: exampleNow, MinRemainingDays: 30})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := exampleApplication()
	printViolations(r.Check(context.Background(), a))
	a.Document.Validity = certificate.Validity{Issued: certificate.Date{Year: 2006, Month: 11, Day: 20}, Expires: certificate.Date{Year: 2026, Month: 11, Day: 20}}
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// document.validity.expires certificate.expired reject [{expires 2026-11-20}]
	// document.validity certificate.validity_period_mismatch reject [{actual 20y} {allowed long-term}]
}

func ExampleValidityOptions_location() {
	// 17:00 UTC on the expiry date is already the next day in Beijing.
	late := func() time.Time { return time.Date(2030, 3, 1, 17, 0, 0, 0, time.UTC) }
	a := exampleApplication()
	a.Document.Validity = certificate.Validity{Expires: certificate.Date{Year: 2030, Month: 3, Day: 1}}
	beijing, _ := precaution.CertificateValid(precaution.ValidityOptions{Now: late, SkipPeriodCheck: true})
	utc, _ := precaution.CertificateValid(precaution.ValidityOptions{Now: late, Location: time.UTC, SkipPeriodCheck: true})
	printViolations(beijing.Check(context.Background(), a))
	printViolations(utc.Check(context.Background(), a))
	// Output:
	// document.validity.expires certificate.expired reject [{expires 2030-03-01}]
	// ok
}

func ExampleValidNumber() {
	r := precaution.ValidNumber(schemes.Default())
	a := exampleApplication()
	printViolations(r.Check(context.Background(), a))
	a.Claim.Number = "360426199101010072"
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
	// claim.number number.invalid_checksum reject [{number 3604**********0072} {kind id_card}]
}

func ExampleNumberMatches() {
	r := precaution.NumberMatches(schemes.Default())
	a := exampleApplication()
	a.Claim.Number = "110105491231002" // the legacy 15-digit form of the number on the card
	printViolations(r.Check(context.Background(), a))
	// Output:
	// ok
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

func ExamplePrecautions() {
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

func ExampleLocalizer_Message() {
	l, err := rules.NewLocalizer()
	if err != nil {
		fmt.Println(err)
		return
	}
	v := rules.Violate(precaution.CodeRegionMismatch, rules.Reject, true, "issuing_region", "TW", "account_region", "HK")
	for _, accept := range []string{"en-US", "zh-CN", "zh-HK"} {
		fmt.Println(l.Message(rules.MatchLanguage(accept), v))
	}
	// Output:
	// The certificate was issued in Taiwan, but the account is registered in Hong Kong SAR China. Use a certificate issued in Hong Kong SAR China.
	// 该证件签发地为台湾，而账号注册地为中国香港特别行政区。请使用中国香港特别行政区签发的证件。
	// 該證件簽發地為台灣，而帳號註冊地為中國香港特別行政區。請使用中國香港特別行政區簽發的證件。
}

func ExampleMatchLanguage() {
	fmt.Println(rules.MatchLanguage("zh-TW,zh;q=0.9,en;q=0.8"))
	fmt.Println(rules.MatchLanguage("zh-CN"))
	fmt.Println(rules.MatchLanguage("fr-FR"))
	// Output:
	// zh-Hant
	// zh-Hans
	// en
}

func ExampleMessages() {
	for _, m := range rules.Messages() {
		if m.Code == string(precaution.CodeExpired) {
			fmt.Println(m.Code, m.Severity)
			fmt.Println(m.English)
			fmt.Println(m.SimplifiedChinese)
		}
	}
	// Output:
	// certificate.expired reject
	// The certificate expired on {expires}. Use a valid certificate.
	// 证件已于{expires}过期。请使用有效期内的证件。
}

func ExampleRegisterValidations() {
	type Form struct {
		Name   string `validate:"required,person_name"`
		Number string `validate:"required,cn_resident_id"`
	}
	v := validator.New()
	if err := tags.RegisterValidations(v, schemes.Default()); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Struct(Form{Name: "张三", Number: "11010519491231002x"}))
	fmt.Println(v.Struct(Form{Name: "张三", Number: "11010519491231002"}) != nil)
	// Output:
	// <nil>
	// true
}

func ExampleFromValidationErrors() {
	type Form struct {
		Kind   string `validate:"required,certificate_kind"`
		Number string `validate:"required,certificate_number=id_card CN"`
	}
	reg := schemes.Default()
	v := validator.New()
	if err := tags.RegisterValidations(v, reg); err != nil {
		fmt.Println(err)
		return
	}
	err := v.Struct(Form{Kind: "visa", Number: "360426199101010072"})
	vs := tags.FromValidationErrors(err, reg)
	for _, vi := range vs {
		fmt.Println(vi.Field, vi.Code, vi.Params)
	}
	l, _ := rules.NewLocalizer()
	fmt.Println(l.Message(language.SimplifiedChinese, vs[0]))
	// Output:
	// Kind claim.kind_invalid []
	// Number number.invalid_checksum [{number 3604**********0072} {kind id_card}]
	// 请选择证件类型。
}

func ExampleNewLocalizer() {
	l, err := rules.NewLocalizer(rules.Message{
		Code:               "acme.vip_only",
		Severity:           rules.Reject,
		English:            "Only {tier} members may apply from {account_region}.",
		SimplifiedChinese:  "{account_region}仅限{tier}会员申请。",
		TraditionalChinese: "{account_region}僅限{tier}會員申請。",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	v := rules.Violate("acme.vip_only", rules.Reject, false, "tier", "gold", "account_region", "MO")
	fmt.Println(l.Message(language.English, v))
	fmt.Println(l.Message(language.TraditionalChinese, v))
	// Output:
	// Only gold members may apply from Macau SAR China.
	// 中國澳門特別行政區僅限gold會員申請。
}

func ExampleLanguages() {
	fmt.Println(rules.Languages())
	// Output:
	// [en zh-Hans zh-Hant]
}

func ExampleNameOptions() {
	r := precaution.NameWellFormed(precaution.NameOptions{MaxRunes: 4, AllowMixedScripts: true})
	printViolations(r.Check(context.Background(), "Аnna")) // Cyrillic А allowed by option
	printViolations(r.Check(context.Background(), "Anna Maria"))
	// Output:
	// ok
	//  name.too_long reject [{limit 4}]
}

func ExampleViolation_Under() {
	v := rules.Violate(precaution.CodeNameEmpty, rules.Reject, true)
	fmt.Println(v.Under("claim.name"))
	fmt.Println(v.At("given").Under("claim.name"))
	// Output:
	// claim.name: name.empty
	// claim.name.given: name.empty
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
	// Output:
	// claim.number driverlicense.birth_date_mismatch reject [{number MORG********M9IJ}]
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

func ExamplePrecautionOptions() {
	// Verification dates are calendar dates in Beijing unless Location says
	// otherwise; only Hong Kong passports and identity cards for HK accounts.
	hk := language.MustParseRegion("HK")
	r, err := precaution.New(precaution.Options{
		Numbers:  schemes.Default(),
		Clock:    certificate.Clock{Now: exampleNow},
		Location: time.FixedZone("HKT", 8*3600),
		Kinds: precaution.KindPolicy{ByRegion: map[language.Region][]certificate.Kind{
			hk: {certificate.Passport, certificate.IDCard},
		}},
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

func ExampleResult_Err() {
	r, _ := precaution.New(precaution.Options{Numbers: schemes.Default(), Clock: certificate.Clock{Now: exampleNow}})
	a := exampleApplication()
	a.Document.Validity = certificate.Validity{Issued: certificate.Date{Year: 2006, Month: 5, Day: 1}, Expires: certificate.Date{Year: 2026, Month: 5, Day: 1}}
	res, err := rules.Evaluate(context.Background(), r, a)
	if err != nil {
		fmt.Println("infrastructure:", err)
		return
	}
	err = res.Err()
	var ve *rules.ViolationError
	fmt.Println(res.Verdict(), errors.As(err, &ve), errors.Is(err, precaution.CodeExpired))
	// Output: reject true true
}
