package cn

import "github.com/realname-go/realname/certificate"

// Options tune the schemes of this package. The zero value is valid: lenient
// division checks.
type Options struct {
	// StrictBirthYear requires the address code to have been in use in the
	// holder's birth year (as python-stdnum does), and a code missing from
	// the table to be rejected rather than flagged for review. Off by
	// default: numbers are assigned at first registration, not at birth, so
	// real numbers can carry codes created after the birth year.
	StrictBirthYear bool
}

// Violation codes of this package. Each is carried in
// [certificate.NumberError.Code] with the reason given, except
// CodeDivisionUnlisted, which is an advisory code in [certificate.Parsed.Review].
const (
	// CodeBirthDate (component): the birth date is not a real date.
	CodeBirthDate = "number.invalid_birth_date"
	// CodeBirthInFuture (component): the birth date is after today.
	CodeBirthInFuture = "number.birth_date_in_future"
	// CodeUnknownProvince (component): the first two digits name no province.
	CodeUnknownProvince = "number.unknown_province"
	// CodeAddressMismatch (component): the address code does not fit the kind
	// of certificate (810000/820000/830000 on an identity card, anything else
	// on a residence permit).
	CodeAddressMismatch = "number.address_code_mismatch"
	// CodeDivisionNotInBirthYear (component, strict mode only): the address
	// code was not in use in the birth year, or is missing from the table.
	CodeDivisionNotInBirthYear = "number.division_not_in_birth_year"
	// CodeDivisionUnlisted (review): the county-level code is missing from the
	// table; the number is valid, a person should look.
	CodeDivisionUnlisted = "number.division_unlisted"
)

// future reports whether d is after today; a zero today is the zero
// [certificate.Clock]'s, read only when d could be after it.
func future(today, d certificate.Date) bool {
	if today.IsZero() {
		return certificate.Clock{}.IsFuture(d)
	}
	return d.After(today)
}

func numberError(kind certificate.Kind, region string, reason error, code, detail, input string) *certificate.NumberError {
	return certificate.NewNumberError(kind, region, reason, code, detail, input)
}
