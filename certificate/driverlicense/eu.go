package driverlicense

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/masked"
)

// Codes reported by [ParseEU] in a [*FieldError].
const (
	CodeNotEUModel  = "driverlicense.not_eu_model"
	CodeIssueDate   = "driverlicense.invalid_issue_date"
	CodeExpiryDate  = "driverlicense.invalid_expiry_date"
	CodeValidity    = "driverlicense.invalid_validity_period"
	CodeAuthority   = "driverlicense.invalid_authority"
	maxAuthority    = 100
	maxEUValidYears = 15
)

// EUFields are the numbered fields of the EU model driving licence
// (Directive 2006/126/EC, Annex I) as read from the card, in any of the
// forms people type: dates DD.MM.YYYY, DD/MM/YYYY, DD-MM-YYYY or
// YYYY-MM-DD.
//
// Package fmt prints EUFields with the number masked ([certificate.Mask]),
// for every verb (see [EUFields.Format]).
type EUFields struct {
	IssueDate  string // 4a
	ExpiryDate string // 4b, the administrative validity
	Authority  string // 4c
	Number     string // 5
}

// String returns the fields with the number masked, in the form of %v.
func (f EUFields) String() string {
	return fmt.Sprintf("{%s %s %s %s}", f.IssueDate, f.ExpiryDate, f.Authority, certificate.Mask(f.Number))
}

// GoString returns Go syntax for f with the number masked, for %#v.
func (f EUFields) GoString() string {
	return fmt.Sprintf("driverlicense.EUFields{IssueDate:%q, ExpiryDate:%q, Authority:%q, Number:%q}",
		f.IssueDate, f.ExpiryDate, f.Authority, certificate.Mask(f.Number))
}

// Format implements [fmt.Formatter]: %#v prints [EUFields.GoString], every
// other verb formats [EUFields.String].
func (f EUFields) Format(s fmt.State, verb rune) { masked.Format(s, verb, f.String(), f.GoString) }

// EULicence is the checked content of [EUFields].
type EULicence struct {
	Region    string
	Number    certificate.Number
	Validity  certificate.Validity
	Authority string
}

// FieldError says which field of [EUFields] is wrong: Field is "4a", "4b",
// "4c", "5" or "" (the region), Code a stable violation code. For field 5
// Err is the number's [*certificate.NumberError].
type FieldError struct {
	Field  string
	Code   string
	Detail string
	Err    error
}

func (e *FieldError) Error() string {
	msg := "driverlicense: EU field " + e.Field + ": " + e.Detail
	if e.Field == "" {
		msg = "driverlicense: " + e.Detail
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the number error of field 5.
func (e *FieldError) Unwrap() error { return e.Err }

// euModel lists the states that issue the EU model licence: the 27 member
// states, the three other EEA states, and the United Kingdom, which kept
// the model.
const euModel = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO GB"

// EURegions returns the regions [ParseEU] accepts.
func EURegions() []string { return strings.Fields(euModel) }

// ParseEU checks the fields of an EU model licence issued in region: dates
// that exist, an expiry after the issue date and at most 15 years later
// (Article 7), a non-empty issuing authority of printable text, and a number
// that the region's scheme in [SchemesWith] (o) accepts (the DVLA format for
// GB, the generic one otherwise). Every problem is
// reported: the error joins one [*FieldError] per wrong field.
func ParseEU(region string, f EUFields, o Options) (EULicence, error) {
	region = strings.ToUpper(strings.TrimSpace(region))
	if !strings.Contains(" "+euModel+" ", " "+region+" ") || region == "" {
		if _, _, err := checkRegion(region, o, f.Number); err != nil {
			return EULicence{}, &FieldError{Field: "", Code: codeOf(err), Detail: "issuing region", Err: err}
		}
		return EULicence{}, &FieldError{Field: "", Code: CodeNotEUModel, Detail: "region does not issue the EU model licence"}
	}
	var errs []error
	l := EULicence{Region: region}
	issued, err := parseEUDate(f.IssueDate)
	if err != nil {
		errs = append(errs, &FieldError{Field: "4a", Code: CodeIssueDate, Detail: err.Error()})
	}
	expires, err := parseEUDate(f.ExpiryDate)
	if err != nil {
		errs = append(errs, &FieldError{Field: "4b", Code: CodeExpiryDate, Detail: err.Error()})
	}
	if !issued.IsZero() && !expires.IsZero() {
		if !expires.After(issued) {
			errs = append(errs, &FieldError{Field: "4b", Code: CodeValidity, Detail: "expiry is not after the issue date"})
		} else if expires.After(issued.AddYears(maxEUValidYears)) {
			errs = append(errs, &FieldError{Field: "4b", Code: CodeValidity, Detail: fmt.Sprintf("valid for more than %d years", maxEUValidYears)})
		}
	}
	l.Validity = certificate.Validity{Issued: issued, Expires: expires}
	auth := strings.Join(strings.Fields(f.Authority), " ")
	switch {
	case auth == "":
		errs = append(errs, &FieldError{Field: "4c", Code: CodeAuthority, Detail: "issuing authority is empty"})
	case utf8.RuneCountInString(auth) > maxAuthority || !utf8.ValidString(auth) || strings.IndexFunc(auth, notPrintable) >= 0:
		errs = append(errs, &FieldError{Field: "4c", Code: CodeAuthority, Detail: "issuing authority is not printable text of at most 100 characters"})
	default:
		l.Authority = auth
	}
	// EU model regions are never US jurisdictions: the generic rules (with
	// GB's own format) apply.
	p, err := (&generic{opts: o}).ParseIn(region, f.Number)
	if err != nil {
		errs = append(errs, &FieldError{Field: "5", Code: codeOf(err), Detail: "licence number", Err: err})
	} else {
		l.Number = p.Number
	}
	if len(errs) > 0 {
		return EULicence{}, errors.Join(errs...)
	}
	return l, nil
}

func notPrintable(r rune) bool { return !unicode.IsPrint(r) }

func codeOf(err error) string {
	var ne *certificate.NumberError
	if errors.As(err, &ne) {
		return ne.Code
	}
	return certificate.CodeFormat
}

// parseEUDate reads DD.MM.YYYY, DD/MM/YYYY, DD-MM-YYYY or YYYY-MM-DD.
func parseEUDate(s string) (certificate.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return certificate.Date{}, errors.New("date is empty")
	}
	if len(s) != 10 {
		return certificate.Date{}, errors.New("date is not DD.MM.YYYY")
	}
	if s[4] == '-' && s[7] == '-' {
		d, err := certificate.ParseDate(s)
		if err != nil {
			return certificate.Date{}, errors.New("not a calendar date")
		}
		return d, nil
	}
	sep := s[2]
	if (sep != '.' && sep != '/' && sep != '-') || s[5] != sep {
		return certificate.Date{}, errors.New("date is not DD.MM.YYYY")
	}
	day, ok1 := atoi(s[0:2])
	month, ok2 := atoi(s[3:5])
	year, ok3 := atoi(s[6:10])
	d, valid := certificate.NewDate(year, time.Month(month), day)
	if !ok1 || !ok2 || !ok3 || !valid {
		return certificate.Date{}, errors.New("not a calendar date")
	}
	return d, nil
}

func atoi(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
