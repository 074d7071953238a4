package nationalid

import (
	"github.com/realname-go/realname/certificate"
)

// hkLetter returns the value of an HKID letter: A=10 … Z=35.
func hkLetter(c byte) int { return int(c-'A') + 10 }

// parseHK checks a Hong Kong Identity Card number: one or two letters, six
// digits and a check character (0–9 or A), printed A123456(7).
func parseHK(s string, _ certificate.Date) (result, *failure) {
	if len(s) != 8 && len(s) != 9 {
		return result{}, errLength("want 8 or 9 characters")
	}
	p := len(s) - 7
	for i := 0; i < p; i++ {
		if !isUpper(s[i]) {
			return result{}, errFormat("want one or two letters first")
		}
	}
	if !isDigits(s[p : p+6]) {
		return result{}, errFormat("want six digits after the letters")
	}
	c := s[len(s)-1]
	if !isDigit(c) && c != 'A' {
		return result{}, errFormat("check character must be 0–9 or A")
	}
	sum := 0
	if p == 1 {
		sum = 36*9 + hkLetter(s[0])*8
	} else {
		sum = hkLetter(s[0])*9 + hkLetter(s[1])*8
	}
	for i := 0; i < 6; i++ {
		sum += int(s[p+i]-'0') * (7 - i)
	}
	want := byte('0' + (11-sum%11)%11)
	if want == '0'+10 {
		want = 'A'
	}
	if c != want {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// parseMO checks the format of a Macao resident identity card (BIR) number:
// eight digits, the first 1, 5 or 7, printed 1234567(8). The check digit's
// algorithm is not public.
func parseMO(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 8 {
		return result{}, errLength("want 8 digits")
	}
	if s[0] != '1' && s[0] != '5' && s[0] != '7' {
		return result{}, errComponent("first digit must be 1, 5 or 7")
	}
	return result{canonical: s}, nil
}

// twLetters gives the two-digit value of each Taiwan area letter A–Z.
var twLetters = [26]uint8{10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33}

// parseTW checks a Taiwan National Identification Card number (身分證統一編號):
// a letter and nine digits; the second digit records sex (1/2, or 8/9 on
// the 2021 numbers for foreign residents).
func parseTW(s string, _ certificate.Date) (result, *failure) {
	if len(s) != 10 {
		return result{}, errLength("want 10 characters")
	}
	if !isUpper(s[0]) || !isDigits(s[1:]) {
		return result{}, errFormat("want a letter and nine digits")
	}
	var sex certificate.Sex
	switch s[1] {
	case '1', '8':
		sex = certificate.Male
	case '2', '9':
		sex = certificate.Female
	default:
		return result{}, errSex("second digit must be 1, 2, 8 or 9")
	}
	v := int(twLetters[s[0]-'A'])
	sum := v/10 + (v%10)*9
	for i := 1; i < 9; i++ {
		sum += int(s[i]-'0') * (9 - i)
	}
	sum += int(s[9] - '0')
	if sum%10 != 0 {
		return result{}, errChecksum()
	}
	return result{canonical: s, sex: sex}, nil
}

// parseSG checks a Singapore NRIC or FIN: S, T, F, G or M, seven digits and
// a check letter.
func parseSG(s string, _ certificate.Date) (result, *failure) {
	if len(s) != 9 {
		return result{}, errLength("want 9 characters")
	}
	if !isUpper(s[0]) || !isDigits(s[1:8]) || !isUpper(s[8]) {
		return result{}, errFormat("want a letter, seven digits and a letter")
	}
	weights := [7]int{2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(s[1+i]-'0') * weights[i]
	}
	var table string
	switch s[0] {
	case 'S':
		table = "JZIHGFEDCBA"
	case 'T':
		sum += 4
		table = "JZIHGFEDCBA"
	case 'F':
		table = "XWUTRQPNMLK"
	case 'G':
		sum += 4
		table = "XWUTRQPNMLK"
	case 'M':
		sum += 3
		table = "XWUTRQPNJLK"
	default:
		return result{}, errComponent("first letter must be S, T, F, G or M")
	}
	if s[8] != table[sum%11] {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// myPlace reports whether a MyKad birthplace code is assigned (python-stdnum
// stdnum/my/bp.dat, National Registration Department lists).
func myPlace(pb int) bool {
	switch {
	case pb >= 1 && pb <= 16, pb >= 21 && pb <= 68, pb == 71, pb == 72,
		pb >= 74 && pb <= 79, pb >= 82 && pb <= 93, pb == 98, pb == 99:
		return true
	}
	return false
}

// parseMY checks a Malaysian MyKad number YYMMDD-PB-###G: no check digit;
// the birth date must exist and the birthplace code be assigned; an odd last
// digit is male.
func parseMY(s string, today certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 12 {
		return result{}, errLength("want 12 digits")
	}
	birth, good := twoDigitYear(today, num(s[0:2]), num(s[2:4]), num(s[4:6]))
	if !good {
		return result{}, errBirth()
	}
	if !myPlace(num(s[6:8])) {
		return result{}, errPlace()
	}
	return result{canonical: s, birth: birth, sex: sexOdd(s[11])}, nil
}

// twoDigitYear returns the birth date with a two-digit year placed by today
// (see placeYear), falling back to the century before when the date does not
// exist (29 February).
func twoDigitYear(today certificate.Date, yy, m, d int) (certificate.Date, bool) {
	y := placeYear(today, yy)
	if date, good := mkdate(y, m, d); good {
		return date, true
	}
	return mkdate(y-100, m, d)
}

// parseTH checks a Thai citizen identification number: 13 digits, the first
// neither 0 nor 9, and a check digit.
func parseTH(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 13 {
		return result{}, errLength("want 13 digits")
	}
	if s[0] == '0' || s[0] == '9' {
		return result{}, errComponent("first digit must not be 0 or 9")
	}
	sum := 0
	for i := 0; i < 12; i++ {
		sum += int(s[i]-'0') * (13 - i)
	}
	if s[12] != byte('0'+(11-sum%11)%10) {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// idProvince reports whether an Indonesian province code is assigned
// (Kemendagri codes, including the Papua provinces created in 2022).
func idProvince(p int) bool {
	switch {
	case p >= 11 && p <= 19, p == 21, p >= 31 && p <= 36, p >= 51 && p <= 53,
		p >= 61 && p <= 65, p >= 71 && p <= 76, p == 81, p == 82, p >= 91 && p <= 96:
		return true
	}
	return false
}

// parseID checks an Indonesian NIK: 16 digits PPRRSS DDMMYY XXXX, women's
// day plus 40; no check digit.
func parseID(s string, today certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 16 {
		return result{}, errLength("want 16 digits")
	}
	if !idProvince(num(s[0:2])) {
		return result{}, errPlace()
	}
	day, sex := num(s[6:8]), certificate.Male
	if day > 40 {
		day, sex = day-40, certificate.Female
	}
	birth, good := twoDigitYear(today, num(s[10:12]), num(s[8:10]), day)
	if !good {
		return result{}, errBirth()
	}
	return result{canonical: s, birth: birth, sex: sex}, nil
}

// parsePH checks the format of a Philippine Identification System number:
// the 12-digit PhilSys Number or the 16-digit card number printed on the
// PhilID. No check digit is public.
func parsePH(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 12 && len(s) != 16 {
		return result{}, errLength("want 12 or 16 digits")
	}
	return result{canonical: s}, nil
}

// Verhoeff tables.
var (
	verhoeffD = [10][10]uint8{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
		{2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
		{4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
		{8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
	}
	verhoeffP = [8][10]uint8{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
		{5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
		{9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
	}
)

// verhoeff reports whether the digits, check digit last, pass Verhoeff.
func verhoeff(s string) bool {
	c := uint8(0)
	for i := 0; i < len(s); i++ {
		c = verhoeffD[c][verhoeffP[i%8][s[len(s)-1-i]-'0']]
	}
	return c == 0
}

// parseIN checks an Indian Aadhaar number: 12 digits, the first 2–9, not a
// palindrome, Verhoeff check digit.
func parseIN(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 12 {
		return result{}, errLength("want 12 digits")
	}
	if s[0] < '2' {
		return result{}, errFormat("first digit must be 2–9")
	}
	palindrome := true
	for i := 0; i < 6; i++ {
		palindrome = palindrome && s[i] == s[11-i]
	}
	if palindrome {
		return result{}, errFormat("number is a palindrome")
	}
	if !verhoeff(s) {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// parseJP checks a Japanese Individual Number (My Number): 12 digits with a
// check digit.
func parseJP(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 12 {
		return result{}, errLength("want 12 digits")
	}
	weights := [11]int{6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i := 0; i < 11; i++ {
		sum += int(s[i]-'0') * weights[i]
	}
	if s[11] != byte('0'+(11-sum%11)%11%10) {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// krCutover is the date from which South Korean numbers carry random
// digits instead of a region code and check digit.
var krCutover = certificate.Date{Year: 2020, Month: 10, Day: 1}

// parseKR checks a South Korean Resident Registration Number YYMMDD-GNNNNNC:
// G gives sex and century, digits 8–9 (a registration office) are at most
// 96, and C is a check digit. Numbers of people born since October 2020 may
// carry a random last digit; for them a checksum failure is a review signal.
func parseKR(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 13 {
		return result{}, errLength("want 13 digits")
	}
	century := 0
	switch s[6] {
	case '1', '2', '5', '6':
		century = 1900
	case '3', '4', '7', '8':
		century = 2000
	case '9', '0':
		century = 1800
	}
	birth, good := mkdate(century+num(s[0:2]), num(s[2:4]), num(s[4:6]))
	if !good {
		return result{}, errBirth()
	}
	r := result{canonical: s, birth: birth, sex: sexOdd(s[6])}
	if birth.Before(krCutover) && num(s[7:9]) > 96 {
		return result{}, errPlace()
	}
	weights := [12]int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}
	sum := 0
	for i := 0; i < 12; i++ {
		sum += int(s[i]-'0') * weights[i]
	}
	if s[12] != byte('0'+(11-sum%11)%10) {
		if !birth.Before(krCutover) {
			r.review = CodeUnverifiable
			return r, nil
		}
		return result{}, errChecksum()
	}
	return r, nil
}
