package checksum

// Mod11_2 returns the ISO 7064 MOD 11-2 check character ('0'–'9' or 'X') of
// the digits in s, as used by GB 11643 (PRC citizen numbers).
func Mod11_2(s string) (byte, bool) {
	sum := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		sum = (sum + int(c-'0')) * 2 % 11
	}
	r := (12 - sum%11) % 11
	if r == 10 {
		return 'X', true
	}
	return byte('0' + r), true
}

// Luhn reports whether the digits in s, check digit last, pass the Luhn check.
func Luhn(s string) bool {
	if len(s) == 0 {
		return false
	}
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// ICAOValue returns the ICAO 9303 value of a machine-readable-zone character:
// 0–9 for digits, 10–35 for A–Z, 0 for the filler '<'.
func ICAOValue(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10, true
	case c == '<':
		return 0, true
	}
	return 0, false
}

// ICAO returns the ICAO 9303 7-3-1 check digit of s.
func ICAO(s string) (byte, bool) {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		v, ok := ICAOValue(s[i])
		if !ok {
			return 0, false
		}
		sum += v * weights[i%3]
	}
	return byte('0' + sum%10), true
}
