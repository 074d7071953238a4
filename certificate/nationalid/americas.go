package nationalid

import "github.com/realname-go/realname/certificate"

// parseBR checks a Brazilian CPF: 11 digits with two check digits, printed
// 111.444.777-35. Numbers of one repeated digit pass the arithmetic but are
// never issued and are refused.
func parseBR(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 11 {
		return result{}, errLength("want 11 digits")
	}
	same := true
	for i := 1; i < 11; i++ {
		same = same && s[i] == s[0]
	}
	if same {
		return result{}, errComponent("one repeated digit")
	}
	s1, s2 := 0, 0
	for i := 0; i < 9; i++ {
		d := int(s[i] - '0')
		s1 += d * (10 - i)
		s2 += d * (11 - i)
	}
	d1 := (11 - s1%11) % 11 % 10
	s2 += d1 * 2
	d2 := (11 - s2%11) % 11 % 10
	if int(s[9]-'0') != d1 || int(s[10]-'0') != d2 {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// curpValue returns the value of a CURP character in the check alphabet
// 0–9 A–N & O–Z, or -1.
func curpValue(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case c >= 'A' && c <= 'N':
		return int(c-'A') + 10
	case c == '&':
		return 24
	case c >= 'O' && c <= 'Z':
		return int(c-'O') + 25
	}
	return -1
}

func isUpperRun(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isUpper(s[i]) {
			return false
		}
	}
	return true
}

// mxState reports whether st is a CURP state code (NE: born abroad).
func mxState(st string) bool {
	switch st {
	case "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN", "MS",
		"NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS", "NE":
		return true
	}
	return false
}

// mxBlocked reports whether the four letters are one of the words RENAPO
// never issues (it replaces their second letter by X), after python-stdnum's
// list.
func mxBlocked(w string) bool {
	switch w {
	case "BACA", "BAKA", "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO", "COGE", "COGI", "COJA", "COJE",
		"COJI", "COJO", "COLA", "CULO", "FALO", "FETO", "GETA", "GUEI", "GUEY", "JETA", "JOTO", "KACA", "KACO", "KAGA",
		"KAGO", "KAKA", "KAKO", "KOGE", "KOGI", "KOJA", "KOJE", "KOJI", "KOJO", "KOLA", "KULO", "LILO", "LOCA", "LOCO",
		"LOKA", "LOKO", "MAME", "MAMO", "MEAR", "MEAS", "MEON", "MIAR", "MION", "MOCO", "MOKO", "MULA", "MULO", "NACA",
		"NACO", "PEDA", "PEDO", "PENE", "PIPI", "PITO", "POPO", "PUTA", "PUTO", "QULO", "RATA", "ROBA", "ROBE", "ROBO",
		"RUIN", "SENO", "TETA", "VACA", "VAGA", "VAGO", "VAKA", "VUEI", "VUEY", "WUEI", "WUEY":
		return true
	}
	return false
}

// parseMX checks a Mexican CURP: four letters (never a blocked word), a
// birth date YYMMDD, H or M,
// a state code, three consonants, a differentiator (a digit for births
// before 2000, a letter after) and a check digit.
func parseMX(s string, _ certificate.Date) (result, *failure) {
	if len(s) != 18 {
		return result{}, errLength("want 18 characters")
	}
	if !isUpperRun(s[0:4]) || !isDigits(s[4:10]) || !isUpperRun(s[10:16]) ||
		!(isUpper(s[16]) || isDigit(s[16])) || !isDigit(s[17]) {
		return result{}, errFormat("want AAAA YYMMDD S EE CCC D C")
	}
	if mxBlocked(s[:4]) {
		return result{}, errComponent("the name letters form a word that is never issued")
	}
	century := 1900
	if isUpper(s[16]) {
		century = 2000
	}
	birth, good := mkdate(century+num(s[4:6]), num(s[6:8]), num(s[8:10]))
	if !good {
		return result{}, errBirth()
	}
	var sex certificate.Sex
	switch s[10] {
	case 'H':
		sex = certificate.Male
	case 'M':
		sex = certificate.Female
	default:
		return result{}, errSex("sex must be H or M")
	}
	if !mxState(s[11:13]) {
		return result{}, errPlace()
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += curpValue(s[i]) * (18 - i)
	}
	if int(s[17]-'0') != (10-sum%10)%10 {
		return result{}, errChecksum()
	}
	return result{canonical: s, birth: birth, sex: sex}, nil
}

// rutCheck returns the Chilean mod-11 check character of the digits.
func rutCheck(digits string) byte {
	sum, w := 0, 2
	for i := len(digits) - 1; i >= 0; i-- {
		sum += int(digits[i]-'0') * w
		w++
		if w > 7 {
			w = 2
		}
	}
	switch r := 11 - sum%11; r {
	case 11:
		return '0'
	case 10:
		return 'K'
	default:
		return byte('0' + r)
	}
}

// parseCL checks a Chilean RUN/RUT: 7 or 8 digits and a check character
// 0–9 or K, printed 12.345.678-5.
func parseCL(s string, _ certificate.Date) (result, *failure) {
	if len(s) != 8 && len(s) != 9 {
		return result{}, errLength("want 8 or 9 characters")
	}
	body, c := s[:len(s)-1], s[len(s)-1]
	if !isDigits(body) || (!isDigit(c) && c != 'K') {
		return result{}, errFormat("want digits and a check character 0–9 or K")
	}
	if rutCheck(body) != c {
		return result{}, errChecksum()
	}
	return result{canonical: s}, nil
}

// parseAR checks the format of an Argentine DNI: 7 or 8 digits, printed
// 20.123.456. It has no check digit.
func parseAR(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) != 7 && len(s) != 8 {
		return result{}, errLength("want 7 or 8 digits")
	}
	if s[0] == '0' {
		return result{}, errFormat("first digit must not be 0")
	}
	return result{canonical: s}, nil
}

// parseCO checks the format of a Colombian cédula de ciudadanía: 3 to 10
// digits with no leading zero, printed 1.020.304.050. It has no check digit.
func parseCO(s string, _ certificate.Date) (result, *failure) {
	if !isDigits(s) {
		return result{}, errFormat("want digits")
	}
	if len(s) < 3 || len(s) > 10 {
		return result{}, errLength("want 3 to 10 digits")
	}
	if s[0] == '0' {
		return result{}, errFormat("first digit must not be 0")
	}
	return result{canonical: s}, nil
}

// parsePE checks a Peruvian DNI (CUI): 8 digits, optionally followed by the
// check character printed on the card (a digit or a letter). The canonical
// form is the 8 digits.
func parsePE(s string, _ certificate.Date) (result, *failure) {
	if len(s) != 8 && len(s) != 9 {
		return result{}, errLength("want 8 digits and an optional check character")
	}
	if !isDigits(s[:8]) {
		return result{}, errFormat("want 8 digits")
	}
	if len(s) == 9 {
		weights := [8]int{3, 2, 7, 6, 5, 4, 3, 2}
		sum := 0
		for i := 0; i < 8; i++ {
			sum += int(s[i]-'0') * weights[i]
		}
		r := sum % 11
		c := s[8]
		if c != "65432110987"[r] && c != "KJIHGFEDCBA"[r] {
			if !isDigit(c) && !isUpper(c) {
				return result{}, errFormat("check character must be a digit or letter")
			}
			return result{}, errChecksum()
		}
	}
	return result{canonical: s[:8]}, nil
}
