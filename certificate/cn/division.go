package cn

// The division-code table is generated from the union of two sources; see
// gen.go and DivisionDataVersion.

// provinceKnown reports whether p is a two-digit province code in the table.
func provinceKnown(p int) bool {
	switch {
	case p < 0 || p > 99:
		return false
	case p < 64:
		return provinceBitsLo&(1<<p) != 0
	}
	return provinceBitsHi&(1<<(p-64)) != 0
}

// divisionIndex returns the index of code in divisionCodes, or -1.
func divisionIndex(code uint32) int {
	p := code / 10000
	if p > 99 {
		return -1
	}
	lo, hi := int(divisionProvinceStart[p]), int(divisionProvinceStart[p+1])
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if divisionCodes[m] < code {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < int(divisionProvinceStart[p+1]) && divisionCodes[lo] == code {
		return lo
	}
	return -1
}

// inUse reports whether the division at index i had a name in use in year.
func inUse(i, year int) bool {
	if spanHas(divisionUse[i], year) {
		return true
	}
	code := divisionCodes[i]
	for j := 0; j+1 < len(divisionMoreUse); j += 2 {
		if divisionMoreUse[j] == code && spanHas(uint16(divisionMoreUse[j+1]), year) {
			return true
		}
	}
	return false
}

// spanHas reports whether year falls in a span encoded as
// (from-1900)<<8 | (to-1900), with from 0 an open start and to 255 an open end.
func spanHas(s uint16, year int) bool {
	from, to := int(s>>8), int(s&0xFF)
	return (from == 0 || year >= 1900+from) && (to == 0xFF || year <= 1900+to)
}

// parseCode returns the six ASCII digits of s as a number.
func parseCode(s string) (uint32, bool) {
	if len(s) != 6 {
		return 0, false
	}
	var n uint32
	for i := 0; i < 6; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint32(c-'0')
	}
	return n, true
}

// DivisionListed reports whether the six-digit administrative-division code
// (GB/T 2260) appears in the table, under any name and in any year.
func DivisionListed(code string) bool {
	n, ok := parseCode(code)
	return ok && divisionIndex(n) >= 0
}

// DivisionInUse reports whether the six-digit code had a name in use in year,
// as far as the table knows. Codes in the 1980 release count as in use before
// it; codes in the 2019 release without a known end count as still in use.
func DivisionInUse(code string, year int) bool {
	n, ok := parseCode(code)
	if !ok {
		return false
	}
	i := divisionIndex(n)
	return i >= 0 && inUse(i, year)
}

// ProvinceKnown reports whether the first two digits of code name a
// province-level division in the table (including 71, 81, 82 and 83).
func ProvinceKnown(code string) bool {
	if len(code) < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9' {
		return false
	}
	return provinceKnown(int(code[0]-'0')*10 + int(code[1]-'0'))
}
