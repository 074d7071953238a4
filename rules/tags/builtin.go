package tags

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/realname-go/realname/rules"
)

// builtinViolation translates an error of one of validator's built-in tags
// (or of any tag this package does not register).
func builtinViolation(fe validator.FieldError) rules.Violation {
	tag, param := fe.Tag(), fe.Param()
	invalid := rules.Violate(CodeFieldInvalid, rules.Reject, true, "tag", tag, "param", param)
	if strings.HasPrefix(tag, "required") {
		return rules.Violate(CodeFieldRequired, rules.Reject, true)
	}
	switch fe.ActualTag() {
	case "min", "max", "len", "gt", "gte", "lt", "lte":
		if v, ok := boundViolation(fe.Kind(), fe.ActualTag(), param); ok {
			return v
		}
	case "oneof":
		return rules.Violate(CodeFieldNotOneOf, rules.Reject, true, "options", strings.Join(oneOfOptions(param), ", "))
	case "datetime":
		return rules.Violate(CodeFieldInvalidDate, rules.Reject, true, "format", humanLayout(param))
	case "email":
		return rules.Violate(CodeFieldInvalidEmail, rules.Reject, true)
	case "url", "http_url", "https_url", "uri":
		return rules.Violate(CodeFieldInvalidURL, rules.Reject, true)
	case "numeric", "number":
		return rules.Violate(CodeFieldNotNumber, rules.Reject, true)
	case "alphanum":
		return rules.Violate(CodeFieldNotAlphanumeric, rules.Reject, true)
	case "eqfield":
		return rules.Violate(CodeFieldMismatch, rules.Reject, true)
	}
	return invalid
}

// The codes of a bound by what it counts.
type boundCodes struct{ atLeast, atMost, exactly, above, below rules.Code }

var (
	lengthCodes = boundCodes{CodeFieldTooShort, CodeFieldTooLong, CodeFieldWrongLength, "", ""}
	countCodes  = boundCodes{CodeFieldTooFew, CodeFieldTooMany, CodeFieldWrongCount, "", ""}
	valueCodes  = boundCodes{CodeFieldTooSmall, CodeFieldTooLarge, "", CodeFieldNotGreater, CodeFieldNotLess}
)

// boundViolation translates min, max, len, gt, gte, lt and lte by the kind
// of the field: a string counts characters, a slice, array or map items, a
// number its value. A string or list that only an empty value fails (min=1,
// gte=1, gt=0) is required. Whole-number bounds of a length or count are
// made inclusive (gt=3 is at least 4 characters); those of a number keep
// their wording (gt=0 is "greater than 0"). ok is false for other kinds
// (time.Time) and for a length or count that is not a whole number.
func boundViolation(kind reflect.Kind, tag, param string) (rules.Violation, bool) {
	var codes boundCodes
	switch kind {
	case reflect.String:
		codes = lengthCodes
	case reflect.Slice, reflect.Array, reflect.Map:
		codes = countCodes
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		codes = valueCodes
	default:
		return rules.Violation{}, false
	}
	limit := func(code rules.Code, value string) (rules.Violation, bool) {
		if code == "" {
			return rules.Violation{}, false
		}
		return rules.Violate(code, rules.Reject, true, "limit", value), true
	}
	if codes == valueCodes {
		switch tag {
		case "min", "gte":
			return limit(codes.atLeast, param)
		case "max", "lte":
			return limit(codes.atMost, param)
		case "gt":
			return limit(codes.above, param)
		case "lt":
			return limit(codes.below, param)
		}
		return limit(codes.exactly, param) // len of a number: none
	}
	n, err := strconv.Atoi(param)
	if err != nil || n < 0 {
		return rules.Violation{}, false
	}
	switch tag {
	case "gt":
		n, tag = n+1, "min"
	case "lt":
		n, tag = n-1, "max"
	}
	switch {
	case n < 0:
		return rules.Violation{}, false
	case tag == "min" || tag == "gte":
		if n == 1 {
			return rules.Violate(CodeFieldRequired, rules.Reject, true), true
		}
		return limit(codes.atLeast, strconv.Itoa(n))
	case tag == "max" || tag == "lte":
		return limit(codes.atMost, strconv.Itoa(n))
	}
	return limit(codes.exactly, strconv.Itoa(n))
}

// oneOfValue is validator's reading of oneof's values: quoted with single
// quotes, or separated by spaces.
var oneOfValue = regexp.MustCompile(`'[^']*'|\S+`)

func oneOfOptions(param string) []string {
	vals := oneOfValue.FindAllString(param, -1)
	for i, v := range vals {
		vals[i] = strings.ReplaceAll(v, "'", "")
	}
	return vals
}

// layoutWords writes the numbers of Go's reference time as people write a
// date's parts.
var layoutWords = strings.NewReplacer("2006", "YYYY", "01", "MM", "02", "DD", "15", "hh", "04", "mm", "05", "ss")

// humanLayout writes a time layout as people read it: 2006-01-02 becomes
// YYYY-MM-DD and 15:04 hh:mm.
func humanLayout(layout string) string { return layoutWords.Replace(layout) }
