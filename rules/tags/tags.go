package tags

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// The go-playground/validator tags [RegisterValidations] adds.
const (
	// TagCNResidentID validates a string as a PRC Resident Identity Card
	// number (18 characters, or the legacy 15 digits) with the registry's
	// id_card scheme for CN.
	TagCNResidentID = "cn_resident_id"
	// TagCertificateKind validates a string as a kind identifier
	// ("passport", "id_card", …) or a [certificate.Kind] as valid.
	TagCertificateKind = "certificate_kind"
	// TagCertificateNumber validates a string as a number of the scheme for
	// a kind and region. Its parameter names them, separated by a space:
	// each is either a literal (a kind identifier; a region such as CN or
	// US-CA) or the name of a sibling field holding it. Without a
	// parameter it reads the sibling fields Kind and Region.
	//
	// An empty or missing region means what it means to the verifier
	// ([precaution.Application.NumberRegion] for a form, which has no
	// document): the region the kind always has (CN for the residence
	// permits, TW for the Taiwan travel permit; the Home Return Permit's
	// scheme serves any region and tells HK from MO by the number's
	// letter), else the account's registration region, read from a sibling
	// field named AccountRegion or else Account (a [precaution.Account], a
	// [language.Region], or a string such as "CN"), else none. The tag then
	// fails exactly when [precaution.ValidNumber] would reject the claim: a
	// kind and region without a scheme (an id_card with no region and no
	// account field, or of a region the registry does not know) pass, since
	// the verifier asks a person ([precaution.CodeNumberUnsupported]), and
	// so do the numbers the verifier only sends to review. An invalid kind
	// from a sibling field fails.
	TagCertificateNumber = "certificate_number"
	// TagPersonName validates a string as [precaution.NameWellFormed] with
	// the zero options does; review findings (mixed scripts) do not fail
	// it.
	TagPersonName = "person_name"
)

// RegisterValidations registers [TagCNResidentID], [TagCertificateKind],
// [TagCertificateNumber] and [TagPersonName] on v, numbers being parsed with
// reg. A registry without an id_card scheme for CN is a [*rules.ConfigError]. Empty
// values pass every tag (combine with "required").
//
// When v has no tag-name function yet, it registers [FieldName], so that
// fields go by their json name, else their form name, else their Go name,
// in validator's errors, in their translations and in
// [FromValidationErrors]. A function registered before is kept; one
// registered after replaces FieldName. Register before the first
// validation: the validator caches the names of a struct type once.
func RegisterValidations(v *validator.Validate, reg certificate.Registry) error {
	if v == nil {
		return &rules.ConfigError{Rule: "validator", Reason: "nil *validator.Validate"}
	}
	if _, ok := reg.Lookup(certificate.IDCard, "CN"); !ok {
		return &rules.ConfigError{Rule: "validator", Reason: "registry has no id_card scheme for CN"}
	}
	validNumber := precaution.ValidNumber(reg, reg.Clock())
	tags := []struct {
		tag string
		fn  validator.Func
	}{
		{TagCNResidentID, func(fl validator.FieldLevel) bool {
			s, ok := stringValue(fl.Field())
			if !ok {
				return false
			}
			_, err := reg.Parse(certificate.IDCard, "CN", s)
			return s == "" || err == nil
		}},
		{TagCertificateKind, func(fl validator.FieldLevel) bool {
			k, ok := kindValue(fl.Field())
			return ok && (k.Valid() || k == 0 && isEmptyString(fl.Field()))
		}},
		{TagCertificateNumber, func(fl validator.FieldLevel) bool {
			s, ok := stringValue(fl.Field())
			if !ok {
				return false
			}
			if s == "" {
				return true
			}
			kind, region, ok := numberTarget(fl)
			if !ok {
				return false
			}
			a := precaution.Application{
				Account: precaution.Account{RegistrationRegion: accountRegion(fl)},
				Claim:   precaution.Claim{Kind: kind, Region: region, Number: s},
			}
			vs, err := validNumber.Check(context.Background(), a)
			return err == nil && (rules.Result{Violations: vs}).Verdict() != rules.Rejected
		}},
		{TagPersonName, func(fl validator.FieldLevel) bool {
			s, ok := stringValue(fl.Field())
			if !ok {
				return false
			}
			if s == "" {
				return true
			}
			return (rules.Result{Violations: precaution.NameViolations(s)}).Verdict() != rules.Rejected
		}},
	}
	for _, t := range tags {
		if err := v.RegisterValidation(t.tag, t.fn); err != nil {
			return &rules.ConfigError{Rule: "validator", Reason: err.Error()}
		}
	}
	if has, known := hasTagNameFunc(v); known && !has {
		v.RegisterTagNameFunc(FieldName)
	}
	return nil
}

func stringValue(f reflect.Value) (string, bool) {
	if f.Kind() != reflect.String {
		return "", false
	}
	return f.String(), true
}

func isEmptyString(f reflect.Value) bool { return f.Kind() == reflect.String && f.Len() == 0 }

// kindValue reads a kind from a string identifier or an unsigned integer
// field ([certificate.Kind]). An empty string gives 0 and true.
func kindValue(f reflect.Value) (certificate.Kind, bool) {
	switch f.Kind() {
	case reflect.String:
		if f.Len() == 0 {
			return 0, true
		}
		k, err := certificate.ParseKind(f.String())
		return k, err == nil
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		if u := f.Uint(); u <= 255 {
			return certificate.Kind(u), true
		}
	}
	return 0, false
}

// numberParams splits the certificate_number parameter into its kind and
// region terms.
func numberParams(param string) (kindTerm, regionTerm string) {
	f := strings.Fields(param)
	switch len(f) {
	case 0:
		return "Kind", "Region"
	case 1:
		return f[0], ""
	}
	return f[0], f[1]
}

// literalRegion reports whether term is a region code rather than a field
// name: two upper-case letters, optionally followed by "-" and a
// subdivision.
func literalRegion(term string) bool {
	c, _, _ := strings.Cut(term, "-")
	return len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'
}

func numberTarget(fl validator.FieldLevel) (certificate.Kind, string, bool) {
	kt, rt := numberParams(fl.Param())
	kind, err := certificate.ParseKind(kt)
	if err != nil {
		f, _, _, found := fl.GetStructFieldOKAdvanced2(fl.Parent(), kt)
		if !found {
			return 0, "", false
		}
		k, ok := kindValue(f)
		if !ok || !k.Valid() {
			return 0, "", false
		}
		kind = k
	}
	region := rt
	if rt != "" && !literalRegion(rt) {
		f, _, _, found := fl.GetStructFieldOKAdvanced2(fl.Parent(), rt)
		region = ""
		if found {
			region = regionValue(f)
		}
	}
	return kind, region, true
}

// The sibling fields [TagCertificateNumber] reads the account's region
// from, in this order.
var accountFields = [...]string{"AccountRegion", "Account"}

// accountRegion returns the account's registration region from the first
// sibling field of accountFields that exists and holds a region: a
// [precaution.Account] (or a pointer to one), a [language.Region], or a
// string or [fmt.Stringer] naming an ISO 3166-1 country ("CN"; "US-CA"
// counts as US). It returns the zero region otherwise.
func accountRegion(fl validator.FieldLevel) language.Region {
	for _, name := range accountFields {
		f, _, _, found := fl.GetStructFieldOKAdvanced2(fl.Parent(), name)
		if !found || !f.IsValid() || !f.CanInterface() {
			continue
		}
		var r language.Region
		switch x := f.Interface().(type) {
		case precaution.Account:
			r = x.RegistrationRegion
		case *precaution.Account:
			if x != nil {
				r = x.RegistrationRegion
			}
		case language.Region:
			r = x
		default:
			r = countryOf(regionValue(f))
		}
		if r != (language.Region{}) {
			return r
		}
	}
	return language.Region{}
}

// regionValue reads a region code from a string, a [language.Region] or a
// [fmt.Stringer] field, upper-cased; "" for anything else and for the zero
// language.Region.
func regionValue(f reflect.Value) string {
	if s, ok := stringValue(f); ok {
		return strings.ToUpper(strings.TrimSpace(s))
	}
	if !f.IsValid() || !f.CanInterface() {
		return ""
	}
	switch x := f.Interface().(type) {
	case language.Region:
		if x == (language.Region{}) {
			return ""
		}
		return x.String()
	case fmt.Stringer:
		if f.Kind() == reflect.Pointer && f.IsNil() {
			return ""
		}
		return strings.ToUpper(strings.TrimSpace(x.String()))
	}
	return ""
}

// countryOf returns the ISO 3166-1 country of a region code ("US" for
// "US-CA"), or the zero region.
func countryOf(code string) language.Region {
	c, _, _ := strings.Cut(code, "-")
	if c == "" {
		return language.Region{}
	}
	r, err := language.ParseRegion(c)
	if err != nil || !r.IsCountry() {
		return language.Region{}
	}
	return r
}

// kindRegion returns the region [precaution.Application.NumberRegion] gives
// a claim of kind without a region, whatever the account's: CN for the
// residence permits, TW for the Taiwan travel permit, "" (the scheme for
// any region) for the Home Return Permit. fixed is false for the kinds
// that take the account's region.
func kindRegion(kind certificate.Kind) (region string, fixed bool) {
	// AQ (Antarctica) issues no certificate: a kind that returns it takes
	// the account's region.
	a := precaution.Application{
		Account: precaution.Account{RegistrationRegion: language.MustParseRegion("AQ")},
		Claim:   precaution.Claim{Kind: kind},
	}
	if r := a.NumberRegion(); r != "AQ" {
		return r, true
	}
	return "", false
}

// FromValidationErrors translates the [validator.ValidationErrors] in err
// into violations whose field is the field's namespace without the top-level
// struct name: json or form names when [RegisterValidations] registered
// [FieldName], or when the caller's own tag-name function gives them. The
// tags of [RegisterValidations] get the codes of package rules/precaution: a
// number is parsed again with reg to tell the reason (number.invalid_checksum,
// …) when the tag names its kind literally and its region either literally or
// through a kind whose region is fixed (the residence permits, the Taiwan and
// Home Return permits); when the kind or region comes from other fields,
// whose values the error does not carry, it is [precaution.CodeNumberInvalid].
// A kind gives [precaution.CodeKindInvalid] and a name the codes of
// [precaution.NameWellFormed]. The common built-in tags get codes of this
// package, worded by the kind of the field (characters of a string, values
// of a number, items of a list): "required" and its variants
// [CodeFieldRequired]; min, max, len, gt, gte, lt and lte [CodeFieldTooShort],
// [CodeFieldTooLong], [CodeFieldWrongLength], [CodeFieldTooSmall],
// [CodeFieldTooLarge], [CodeFieldNotGreater], [CodeFieldNotLess],
// [CodeFieldTooFew], [CodeFieldTooMany] or [CodeFieldWrongCount]; oneof
// [CodeFieldNotOneOf]; datetime [CodeFieldInvalidDate]; email
// [CodeFieldInvalidEmail]; url, http_url, https_url and uri
// [CodeFieldInvalidURL]; numeric and number [CodeFieldNotNumber]; alphanum
// [CodeFieldNotAlphanumeric]; eqfield [CodeFieldMismatch]. Any other tag
// gives [CodeFieldInvalid].
// Numbers appear masked. It returns nil when err holds no ValidationErrors.
func FromValidationErrors(err error, reg certificate.Registry) []rules.Violation {
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return nil
	}
	var out []rules.Violation
	for _, fe := range ves {
		field := fe.Namespace()
		if _, rest, ok := strings.Cut(field, "."); ok {
			field = rest
		}
		for _, v := range fieldViolations(fe, reg) {
			out = append(out, v.At(field))
		}
	}
	return out
}

// fieldViolations returns the violations of one field error, without their
// field.
func fieldViolations(fe validator.FieldError, reg certificate.Registry) []rules.Violation {
	s, _ := fe.Value().(string)
	switch tag := fe.Tag(); tag {
	case TagCNResidentID:
		_, perr := reg.Parse(certificate.IDCard, "CN", s)
		return []rules.Violation{precaution.NumberViolation(certificate.IDCard, "CN", s, perr)}
	case TagCertificateNumber:
		kt, rt := numberParams(fe.Param())
		if kind, kerr := certificate.ParseKind(kt); kerr == nil {
			region, known := rt, literalRegion(rt)
			if rt == "" {
				region, known = kindRegion(kind)
			}
			if known {
				a := precaution.Application{Claim: precaution.Claim{Kind: kind, Region: region, Number: s}}
				vs, _ := precaution.ValidNumber(reg, reg.Clock()).Check(context.Background(), a)
				if vs = rejections(vs); len(vs) > 0 {
					return vs
				}
			}
		}
		return []rules.Violation{rules.Violate(precaution.CodeNumberInvalid, rules.Reject, true,
			"number", certificate.Mask(textfold.Compact(s, " -")))}
	case TagCertificateKind:
		return []rules.Violation{rules.Violate(precaution.CodeKindInvalid, rules.Reject, true)}
	case TagPersonName:
		if vs := precaution.NameViolations(s); len(vs) > 0 {
			return vs
		}
		// not a string
		return []rules.Violation{rules.Violate(CodeFieldInvalid, rules.Reject, true, "tag", tag, "param", "")}
	}
	return []rules.Violation{builtinViolation(fe)}
}

// rejections returns the violations of vs that reject, without their field.
func rejections(vs []rules.Violation) []rules.Violation {
	var out []rules.Violation
	for _, v := range vs {
		if v.Severity == rules.Reject {
			v.Field = ""
			out = append(out, v)
		}
	}
	return out
}
