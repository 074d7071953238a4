package appfile

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
)

// Date is a date as printed on a certificate. It reads the year-month-day
// forms cards print, 2006-01-02, 2006.01.02, 2006/01/02 (month and day of
// one or two digits), 2006年1月2日 and 20060102, and refuses the forms that
// put the year last, whose day and month cannot be told apart. It writes
// 2006-01-02.
type Date certificate.Date

var (
	dateSeparated = regexp.MustCompile(`^(\d{4})([-./])(\d{1,2})([-./])(\d{1,2})$`)
	dateHan       = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$`)
	dateDigits    = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	dateYearLast  = regexp.MustCompile(`^\d{1,2}\s*[-./]\s*\d{1,2}\s*[-./]\s*(\d{2}|\d{4})$`)
)

// ParseDate reads a date in one of the forms of [Date].
func ParseDate(s string) (certificate.Date, error) {
	s = strings.TrimSpace(s)
	var y, m, d string
	if p := dateSeparated.FindStringSubmatch(s); p != nil && p[2] == p[4] {
		y, m, d = p[1], p[3], p[5]
	} else if p := dateHan.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := dateDigits.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if dateYearLast.MatchString(s) {
		return certificate.Date{}, fmt.Errorf("date %q puts the year last, where day/month/year and month/day/year cannot be told apart: write it year first, as 2006-01-02", truncate(s))
	} else {
		return certificate.Date{}, fmt.Errorf("date %q is not year-month-day: write 2006-01-02, 2006.01.02, 2006/01/02, 2006年1月2日 or 20060102", truncate(s))
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	date, ok := certificate.NewDate(yi, time.Month(mi), di)
	if !ok {
		return certificate.Date{}, fmt.Errorf("date %q is not a calendar date", truncate(s))
	}
	return date, nil
}

func truncate(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// IsZero reports whether d is the absent date.
func (d Date) IsZero() bool { return certificate.Date(d).IsZero() }

// String returns 2006-01-02, or "" for the zero date.
func (d Date) String() string { return certificate.Date(d).String() }

// MarshalText writes 2006-01-02.
func (d Date) MarshalText() ([]byte, error) { return certificate.Date(d).MarshalText() }

// UnmarshalText reads the forms of [Date]; empty text is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = Date(v)
	return nil
}

// ParseSex reads the sex printed on a document: M, F or X (unspecified, as
// ICAO Doc 9303 allows), male, female, 男 or 女, in any case; X and the
// empty string are [certificate.SexUnspecified].
func ParseSex(s string) (certificate.Sex, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "x", "<", "unspecified":
		return certificate.SexUnspecified, nil
	case "m", "male", "男":
		return certificate.Male, nil
	case "f", "female", "女":
		return certificate.Female, nil
	}
	return certificate.SexUnspecified, fmt.Errorf("%q is not M, F or X (male, female, 男, 女)", truncate(s))
}

// ParseRegion reads the region of a number scheme: ISO 3166-1 alpha-2
// ("CN") or ISO 3166-2 ("US-CA"), in any case, and returns it in capitals.
func ParseRegion(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	country, sub, hasSub := strings.Cut(s, "-")
	r, err := ParseCountry(country)
	if err != nil {
		return "", err
	}
	if !hasSub {
		return r.String(), nil
	}
	if len(sub) < 1 || len(sub) > 3 || strings.Trim(sub, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
		return "", fmt.Errorf("%q is not ISO 3166-2: the subdivision after the hyphen is 1 to 3 letters or digits", truncate(s))
	}
	return r.String() + "-" + sub, nil
}

// ParseCountry reads a country: ISO 3166-1 alpha-2 in any case, or an ISO
// 3166-2 subdivision, which is reduced to its country ("us-ca" is US).
func ParseCountry(s string) (language.Region, error) {
	s = strings.TrimSpace(s)
	country, _, _ := strings.Cut(s, "-")
	r, err := language.ParseRegion(country)
	if err != nil || !r.IsCountry() {
		return language.Region{}, fmt.Errorf("%q is not a country: write ISO 3166-1 alpha-2 (CN, US) or ISO 3166-2 (US-CA)", truncate(s))
	}
	return r, nil
}

// deprecations moves the deprecated fields to their new names, noting a
// warning for each.
func (f *File) deprecations() error {
	if f.Typed.Region == "" {
		return nil
	}
	old := f.Typed.Region
	f.Typed.Region = ""
	switch {
	case f.Typed.NumberRegion == "":
		f.Typed.NumberRegion = old
	case !strings.EqualFold(strings.TrimSpace(f.Typed.NumberRegion), strings.TrimSpace(old)):
		return fmt.Errorf("appfile: typed.region %q and typed.number_region %q differ; typed.region is the deprecated name of typed.number_region: keep only that", truncate(old), truncate(f.Typed.NumberRegion))
	}
	f.Warnings = append(f.Warnings, "typed.region is deprecated and will be removed in the next release: it is the region of the number scheme, now typed.number_region (not where the certificate was issued, which is document.issuing_region)")
	return nil
}
