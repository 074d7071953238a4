package tags

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"

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
	// parameter it reads the sibling fields Kind and Region; an empty or
	// missing region means the scheme registered for any region.
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
func RegisterValidations(v *validator.Validate, reg certificate.Registry) error {
	if v == nil {
		return &rules.ConfigError{Rule: "validator", Reason: "nil *validator.Validate"}
	}
	if _, ok := reg.Lookup(certificate.IDCard, "CN"); !ok {
		return &rules.ConfigError{Rule: "validator", Reason: "registry has no id_card scheme for CN"}
	}
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
			_, err := reg.Parse(kind, region, s)
			return err == nil
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
			if s, ok := stringValue(f); ok {
				region = strings.ToUpper(strings.TrimSpace(s))
			} else if s, ok := f.Interface().(fmt.Stringer); ok {
				region = s.String()
			}
		}
	}
	return kind, region, true
}

// FromValidationErrors translates the [validator.ValidationErrors] in err
// into violations whose field is the field's namespace without the top-level
// struct name. The tags of [RegisterValidations] get the codes of package
// rules/precaution: a number is parsed again with reg to tell the reason
// (number.invalid_checksum, …; [precaution.CodeNumberInvalid] when the kind
// and region come from other fields, whose values the error does not carry),
// a kind gives [precaution.CodeKindInvalid] and a name the codes of
// [precaution.NameWellFormed]. The "required" tags give [CodeFieldRequired];
// other tags [CodeFieldInvalid].
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
		s, _ := fe.Value().(string)
		switch tag := fe.Tag(); {
		case strings.HasPrefix(tag, "required"):
			out = append(out, rules.Violate(CodeFieldRequired, rules.Reject, true).At(field))
		case tag == TagCNResidentID:
			_, perr := reg.Parse(certificate.IDCard, "CN", s)
			out = append(out, precaution.NumberViolation(certificate.IDCard, "CN", s, perr).At(field))
		case tag == TagCertificateNumber:
			kt, rt := numberParams(fe.Param())
			kind, kerr := certificate.ParseKind(kt)
			if kerr == nil && (rt == "" || literalRegion(rt)) {
				_, perr := reg.Parse(kind, rt, s)
				out = append(out, precaution.NumberViolation(kind, rt, s, perr).At(field))
				continue
			}
			out = append(out, rules.Violate(precaution.CodeNumberInvalid, rules.Reject, true,
				"number", certificate.Mask(textfold.Compact(s, " -"))).At(field))
		case tag == TagCertificateKind:
			out = append(out, rules.Violate(precaution.CodeKindInvalid, rules.Reject, true).At(field))
		case tag == TagPersonName:
			vs := precaution.NameViolations(s)
			if len(vs) == 0 { // not a string
				vs = []rules.Violation{rules.Violate(CodeFieldInvalid, rules.Reject, true, "tag", tag, "param", "")}
			}
			for _, v := range vs {
				out = append(out, v.At(field))
			}
		default:
			out = append(out, rules.Violate(CodeFieldInvalid, rules.Reject, true, "tag", tag, "param", fe.Param()).At(field))
		}
	}
	return out
}
