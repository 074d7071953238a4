package nationalid

import (
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/checksum"
)

const esLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// parseES checks a Spanish DNI (8 digits and a letter) or NIE (X, Y or Z,
// 7 digits and a letter).
func parseES(s string, _ certificate.Date) (result, *failure) {
	if len(s) != 9 {
		return result{}, errLength("want 9 characters")
	}
	n := 0
	switch s[0] {
	case 'X':
	case 'Y':
		n = 1
	case 'Z':
		n = 2
	default:
		if !isDigit(s[0]) {
			return result{}, errFormat("want a digit or X, Y, Z first")
		}
		n = int(s[0] - '0')
	}
	if !isDigits(s[1:8]) || !isUpper(s[8]) {
		return result{}, errFormat("want digits and a letter")
	}
	n = n*10000000 + num(s[1:8])
	if s[8] != esLetters[n%23] {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// Italian codice fiscale tables: the value of each character in an odd
// (1st, 3rd, …) position, for digits and letters alike.
var itOdd = [26]uint8{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

const itMonths = "ABCDEHLMPRST"

// itDigit returns the digit an omocodia letter (LMNPQRSTUV) or digit stands for.
func itDigit(c byte) (int, bool) {
	if isDigit(c) {
		return int(c - '0'), true
	}
	const omocodia = "LMNPQRSTUV"
	for i := 0; i < len(omocodia); i++ {
		if omocodia[i] == c {
			return i, true
		}
	}
	return 0, false
}

// parseIT checks an Italian codice fiscale: six letters (surname, name), a
// two-digit year, a month letter, the day (plus 40 for women), a place code
// (a letter and three digits) and a check letter. Digits may be replaced by
// the letters LMNPQRSTUV (omocodia).
func parseIT(s string, today certificate.Date) (result, *failure) {
	if len(s) != 16 {
		return result{}, errLength("want 16 characters")
	}
	var d [7]int // yy(2) dd(2) place(3)
	digitPos := [7]int{6, 7, 9, 10, 12, 13, 14}
	for i := 0; i < 6; i++ {
		if !isUpper(s[i]) {
			return result{}, errFormat("want six letters first")
		}
	}
	for k, p := range digitPos {
		v, good := itDigit(s[p])
		if !good {
			return result{}, errFormat("want digits (or omocodia letters) in the date and place")
		}
		d[k] = v
	}
	if !isUpper(s[8]) || !isUpper(s[11]) || !isUpper(s[15]) {
		return result{}, errFormat("want letters for month, place and check")
	}
	month := 0
	for i := 0; i < len(itMonths); i++ {
		if itMonths[i] == s[8] {
			month = i + 1
		}
	}
	if month == 0 {
		return result{}, errFormat("month letter must be one of ABCDEHLMPRST")
	}
	sum := 0
	for i := 0; i < 15; i++ {
		c := s[i]
		v := 0
		if isDigit(c) {
			v = int(c - '0')
		} else {
			v = int(c - 'A')
		}
		if i%2 == 0 {
			sum += int(itOdd[v])
		} else {
			sum += v
		}
	}
	if s[15] != byte('A'+sum%26) {
		return result{}, errChecksum()
	}
	day, sex := d[2]*10+d[3], certificate.Male
	if day > 40 {
		day, sex = day-40, certificate.Female
	}
	birth, good := twoDigitYear(today, d[0]*10+d[1], month, day)
	if !good {
		return result{}, errBirth()
	}
	return result{canonical: s, birth: birth, sex: sex}, nil
}

// deChar reports whether c may appear in a German identity card number.
func deChar(c byte) bool {
	if isDigit(c) {
		return true
	}
	switch c {
	case 'C', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'T', 'V', 'W', 'X', 'Y', 'Z':
		return true
	}
	return false
}

// parseDE checks a German identity card (Personalausweis) number: nine
// characters from 0–9 and CFGHJKLMNPRTVWXYZ, optionally followed by the
// ICAO 7-3-1 check digit printed in the machine-readable zone. Germany has
// no personal identity number; the card number changes with each card. The
// canonical form is the nine characters.
func parseDE(s string, _ certificate.Date) (result, *failure) {
	if len(s) != 9 && len(s) != 10 {
		return result{}, errLength("want 9 characters and an optional check digit")
	}
	for i := 0; i < 9; i++ {
		if !deChar(s[i]) {
			return result{}, errFormat("characters must be 0–9 or CFGHJKLMNPRTVWXYZ")
		}
	}
	if len(s) == 10 {
		if !isDigit(s[9]) {
			return result{}, errFormat("check digit must be a digit")
		}
		if c, _ := checksum.ICAO(s[:9]); c != s[9] {
			return result{}, errChecksum()
		}
	}
	return result{canonical: s[:9]}, nil
}

// parseNL checks a Dutch citizen service number (BSN): 9 digits (8-digit
// numbers are zero-padded) passing the eleven test.
func parseNL(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 9 && len(s) != 8 {
		return result{}, errLength("want 9 digits")
	}
	pad := 9 - len(s)
	sum := 0
	for i := 0; i < 8-pad; i++ {
		sum += int(s[i]-'0') * (9 - i - pad)
	}
	sum -= int(s[len(s)-1] - '0')
	if sum%11 != 0 {
		return result{}, errChecksum()
	}
	if pad == 1 {
		return result{canonical: "0" + s}, nil
	}
	return result{canonical: s}, nil
}

// parseBE checks a Belgian national register number YYMMDD SSS CC: the
// check number is 97 − (first nine digits mod 97), with a 2 prefixed for
// births from 2000, which gives the century. A month or day of 00 (and a day
// past the month's end, used when a day's serial numbers run out) means the
// exact date is unknown: the number is valid and no birth date is given.
func parseBE(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 11 {
		return result{}, errLength("want 11 digits")
	}
	n := num(s[:9])
	check := num(s[9:])
	century := 0
	switch {
	case 97-n%97 == check:
		century = 1900
	case 97-(2000000000+n)%97 == check:
		century = 2000
	default:
		return result{}, errChecksum()
	}
	r := result{canonical: s, sex: sexOdd(s[8])}
	y, m, d := century+num(s[0:2]), num(s[2:4]), num(s[4:6])
	if m > 12 {
		return result{}, errBirth()
	}
	if date, good := mkdate(y, m, d); good {
		r.birth = date
	}
	return r, nil
}

// parsePL checks a Polish PESEL: YYMMDD (month plus 20 for the 2000s, 40
// for the 2100s, 60 for the 2200s, 80 for the 1800s), a serial number whose
// last digit is odd for men, and a check digit.
func parsePL(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 11 {
		return result{}, errLength("want 11 digits")
	}
	weights := [10]int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
	sum := 0
	for i := 0; i < 10; i++ {
		sum += int(s[i]-'0') * weights[i]
	}
	if int(s[10]-'0') != (10-sum%10)%10 {
		return result{}, errChecksum()
	}
	m := num(s[2:4])
	century := [5]int{1900, 2000, 2100, 2200, 1800}[m/20]
	birth, good := mkdate(century+num(s[0:2]), m%20, num(s[4:6]))
	if !good {
		return result{}, errBirth()
	}
	return result{canonical: s, birth: birth, sex: sexOdd(s[9])}, nil
}

// parseSE checks a Swedish personal identity number: YYMMDD-NNNC (a plus
// sign instead of the hyphen once the holder is 100) or the 12-digit form
// YYYYMMDDNNNC, with a Luhn check over the 10-digit form. Coordination
// numbers (day plus 60) are refused. The canonical form is the 12 digits.
func parseSE(s string, today certificate.Date) (result, *failure) {
	plus := false
	if n := len(s); n == 11 || n == 13 {
		switch s[n-5] {
		case '+':
			plus = true
		case '-':
		default:
			return result{}, errFormat("separator must be - or +")
		}
		if n == 13 && plus {
			return result{}, errFormat("the 12-digit form takes no + sign")
		}
		s2 := s[:n-5] + s[n-4:]
		return parseSEDigits(s2, plus, today)
	}
	return parseSEDigits(s, plus, today)
}

func parseSEDigits(s string, plus bool, today certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 10 && len(s) != 12 {
		return result{}, errLength("want 10 or 12 digits")
	}
	short := s[len(s)-10:]
	if !checksum.Luhn(short) {
		return result{}, errChecksum()
	}
	var year int
	if len(s) == 12 {
		year = num(s[:4])
	} else {
		year = placeYear(today, num(s[:2]))
		if plus {
			year -= 100
		}
	}
	m, d := num(short[2:4]), num(short[4:6])
	if d > 60 {
		return result{}, errComponent("coordination numbers are not identity card numbers")
	}
	birth, good := mkdate(year, m, d)
	if !good {
		return result{}, errBirth()
	}
	r := result{canonical: s, birth: birth, sex: sexOdd(short[8])}
	if len(s) == 10 {
		b := make([]byte, 0, 12)
		b = append(b, byte('0'+year/1000), byte('0'+year/100%10))
		b = append(b, s...)
		r.canonical = string(b)
	}
	return r, nil
}

// parseNO checks a Norwegian national identity number (fødselsnummer)
// DDMMYY III K1 K2, including D-numbers (day plus 40) and H-numbers (month
// plus 40); the individual number III gives the century. FH-numbers (first
// digit 8 or 9) carry no birth date and are refused.
func parseNO(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 11 {
		return result{}, errLength("want 11 digits")
	}
	w1 := [9]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	w2 := [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	s1, s2 := 0, 0
	for i := 0; i < 10; i++ {
		d := int(s[i] - '0')
		if i < 9 {
			s1 += d * w1[i]
		}
		s2 += d * w2[i]
	}
	if (11-s1%11)%11 != int(s[9]-'0') || (11-s2%11)%11 != int(s[10]-'0') {
		return result{}, errChecksum()
	}
	day, month, yy, ind := num(s[0:2]), num(s[2:4]), num(s[4:6]), num(s[6:9])
	if day >= 80 {
		return result{}, errComponent("FH-numbers carry no birth date")
	}
	if day > 40 {
		day -= 40
	}
	if month > 40 {
		month -= 40
	}
	year := 0
	switch {
	case ind < 500:
		year = 1900 + yy
	case ind < 750 && yy >= 54:
		year = 1800 + yy
	case yy < 40:
		year = 2000 + yy
	case ind >= 900:
		year = 1900 + yy
	default:
		return result{}, errBirth()
	}
	birth, good := mkdate(year, month, day)
	if !good {
		return result{}, errBirth()
	}
	return result{canonical: s, birth: birth, sex: sexOdd(s[8])}, nil
}

const fiCheck = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// parseFI checks a Finnish personal identity code DDMMYYCZZZQ: the century
// sign (+ 1800s; - Y X W V U 1900s; A–F 2000s), an individual number
// 002–899 (900–999 are temporary and refused), odd for men, and a check
// character.
func parseFI(s string, _ certificate.Date) (result, *failure) {
	if len(s) != 11 {
		return result{}, errLength("want 11 characters")
	}
	if !isDigits(s[:6]) || !isDigits(s[7:10]) {
		return result{}, errFormat("want DDMMYY, a century sign, three digits and a check character")
	}
	century := 0
	switch s[6] {
	case '+':
		century = 1800
	case '-', 'Y', 'X', 'W', 'V', 'U':
		century = 1900
	case 'A', 'B', 'C', 'D', 'E', 'F':
		century = 2000
	default:
		return result{}, errFormat("unknown century sign")
	}
	birth, good := mkdate(century+num(s[4:6]), num(s[2:4]), num(s[0:2]))
	if !good {
		return result{}, errBirth()
	}
	ind := num(s[7:10])
	if ind < 2 || ind > 899 {
		return result{}, errComponent("individual number must be 002–899")
	}
	if s[10] != fiCheck[(num(s[0:6])*1000+ind)%31] {
		return result{}, errChecksum()
	}
	return result{canonical: s, birth: birth, sex: sexOdd(s[9])}, nil
}

// parseEE checks an Estonian personal identification code GYYMMDDSSSC: G
// gives sex (odd male) and century, then a birth date, a serial and a check
// digit.
func parseEE(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 11 {
		return result{}, errLength("want 11 digits")
	}
	if s[0] < '1' || s[0] > '8' {
		return result{}, errSex("first digit must be 1–8")
	}
	century := 1800 + int(s[0]-'1')/2*100
	birth, good := mkdate(century+num(s[1:3]), num(s[3:5]), num(s[5:7]))
	if !good {
		return result{}, errBirth()
	}
	c := 0
	for i := 0; i < 10; i++ {
		c += int(s[i]-'0') * (i%9 + 1)
	}
	c %= 11
	if c == 10 {
		c = 0
		for i := 0; i < 10; i++ {
			c += int(s[i]-'0') * ((i+2)%9 + 1)
		}
		c %= 11
		if c == 10 {
			c = 0
		}
	}
	if int(s[10]-'0') != c {
		return result{}, errChecksum()
	}
	return result{canonical: s, birth: birth, sex: sexOdd(s[0])}, nil
}
