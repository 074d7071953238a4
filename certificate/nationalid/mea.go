package nationalid

import (
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/checksum"
)

// parseTR checks a Turkish identity number (T.C. Kimlik No.): 11 digits,
// the first not 0, two check digits.
func parseTR(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 11 {
		return result{}, errLength("want 11 digits")
	}
	if s[0] == '0' {
		return result{}, errFormat("first digit must not be 0")
	}
	odd, even := 0, 0
	for i := 0; i < 9; i++ {
		if i%2 == 0 {
			odd += int(s[i] - '0')
		} else {
			even += int(s[i] - '0')
		}
	}
	d10 := ((7*odd-even)%10 + 10) % 10
	d11 := (odd + even + d10) % 10
	if int(s[9]-'0') != d10 || int(s[10]-'0') != d11 {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// parseSA checks a Saudi national ID (first digit 1) or residence permit
// (Iqama, first digit 2) number: 10 digits with a Luhn check digit.
func parseSA(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 10 {
		return result{}, errLength("want 10 digits")
	}
	if s[0] != '1' && s[0] != '2' {
		return result{}, errComponent("first digit must be 1 (citizen) or 2 (resident)")
	}
	if !checksum.Luhn(s) {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// parseAE checks an Emirates ID number 784-YYYY-NNNNNNN-C: 15 digits, the
// UAE's numeric country code 784, a year and a Luhn check digit.
func parseAE(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 15 {
		return result{}, errLength("want 15 digits")
	}
	if s[0:3] != "784" {
		return result{}, errComponent("must start with 784")
	}
	if y := num(s[3:7]); y < 1900 || y > 2099 {
		return result{}, errComponent("year out of range")
	}
	if !checksum.Luhn(s) {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// egGovernorate reports whether an Egyptian governorate code is assigned
// (88 is born abroad).
func egGovernorate(g int) bool {
	switch {
	case g >= 1 && g <= 4, g >= 11 && g <= 19, g >= 21 && g <= 29, g >= 31 && g <= 35, g == 88:
		return true
	}
	return false
}

// parseEG checks the structure of an Egyptian national ID number
// C YYMMDD GG SSSS K: century 2 (1900s) or 3 (2000s), a birth date that
// exists, an assigned governorate; the 13th digit is odd for men. The last
// digit's algorithm is not public and is not checked.
func parseEG(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 14 {
		return result{}, errLength("want 14 digits")
	}
	century := 0
	switch s[0] {
	case '2':
		century = 1900
	case '3':
		century = 2000
	default:
		return result{}, errComponent("century digit must be 2 or 3")
	}
	birth, good := mkdate(century+num(s[1:3]), num(s[3:5]), num(s[5:7]))
	if !good {
		return result{}, errBirth()
	}
	if !egGovernorate(num(s[7:9])) {
		return result{}, errPlace()
	}
	return result{canonical: s, birth: birth, sex: sexOdd(s[12])}, nil
}

// parseZA checks a South African identity number YYMMDD SSSS C A Z: a
// birth date, SSSS 5000 and above for men, C 0 (citizen) or 1 (permanent
// resident), Luhn check digit Z.
func parseZA(s string, today certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 13 {
		return result{}, errLength("want 13 digits")
	}
	birth, good := twoDigitYear(today, num(s[0:2]), num(s[2:4]), num(s[4:6]))
	if !good {
		return result{}, errBirth()
	}
	if s[10] != '0' && s[10] != '1' {
		return result{}, errComponent("citizenship digit must be 0 or 1")
	}
	if !checksum.Luhn(s) {
		return result{}, errChecksum()
	}
	sex := certificate.Female
	if s[6] >= '5' {
		sex = certificate.Male
	}
	return result{canonical: s, birth: birth, sex: sex}, nil
}
