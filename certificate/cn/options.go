package cn

import (
	"time"

	"github.com/realname-go/realname/certificate"
)

// Options tune the schemes of this package. The zero value is valid: lenient
// division checks and the system clock.
type Options struct {
	// StrictBirthYear requires the address code to have been in use in the
	// holder's birth year (as python-stdnum does), and a code missing from
	// the table to be rejected rather than flagged for review. Off by
	// default: numbers are assigned at first registration, not at birth, so
	// real numbers can carry codes created after the birth year.
	StrictBirthYear bool
	// Now returns the current time; a birth date after today (in China
	// Standard Time, UTC+8) is rejected. Nil means time.Now.
	Now func() time.Time
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

// cst is China Standard Time; the PRC has not used daylight saving since 1991.
const cstOffset = 8 * 60 * 60

// clockFloorYear: the system clock is never earlier than the year this code
// was written, so a birth date before it needs no clock reading when
// Options.Now is nil.
const clockFloorYear = 2026

// future reports whether the date y-m-d is after today in China Standard
// Time.
func (o Options) future(y, m, d int) bool {
	if o.Now == nil && y < clockFloorYear {
		return false
	}
	return daysFromCivil(y, m, d) > o.todayDays()
}

// todayDays returns today's date in China Standard Time as days since
// 1970-01-01.
func (o Options) todayDays() int64 {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	s := now().Unix() + cstOffset
	d := s / 86400
	if s < 0 && s%86400 != 0 {
		d--
	}
	return d
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func numberError(kind certificate.Kind, region string, reason error, code, detail, input string) *certificate.NumberError {
	return certificate.NewNumberError(kind, region, reason, code, detail, input)
}
