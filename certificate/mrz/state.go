package mrz

import "golang.org/x/text/language"

// Class says what kind of authority or person a state code in a
// machine-readable zone stands for.
type Class uint8

const (
	// ClassUnknown is the class of the zero State.
	ClassUnknown Class = iota
	// ClassState is an ISO 3166-1 country or territory.
	ClassState
	// ClassMapped is an ICAO code outside ISO 3166-1 alpha-3 that stands for
	// a region: D (Germany), GBD, GBN, GBO, GBP, GBS (United Kingdom), EUE
	// (European Union) and RKS or XKX (Kosovo).
	ClassMapped
	// ClassOrganisation is an international organisation: UNO, UNA, UNK,
	// XPO, XOM, XBA and the other X codes of ICAO Doc 9303 Part 3; any other
	// code of three letters starting with X is taken as one too, since ICAO
	// reserves that range.
	ClassOrganisation
	// ClassStateless is a stateless person (XXA).
	ClassStateless
	// ClassRefugee is a refugee (XXB, XXC).
	ClassRefugee
	// ClassUnspecified is a person of unspecified nationality (XXX).
	ClassUnspecified
	// ClassSpecimen is Utopia (UTO), the fictional state of ICAO specimens.
	ClassSpecimen
	// ClassWithdrawn is an ISO code withdrawn from ISO 3166-1 (ANT, NTZ, BUR,
	// YUG, …) that old documents still carry.
	ClassWithdrawn
)

var classNames = [...]string{
	ClassUnknown:      "unknown",
	ClassState:        "state",
	ClassMapped:       "mapped",
	ClassOrganisation: "organisation",
	ClassStateless:    "stateless",
	ClassRefugee:      "refugee",
	ClassUnspecified:  "unspecified",
	ClassSpecimen:     "specimen",
	ClassWithdrawn:    "withdrawn",
}

// String returns the class name, for example "organisation".
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "unknown"
}

// Code returns the violation code that reports a state code of this class
// with no region, or "" for classes that have a region: for example
// "mrz.state_organisation" or "mrz.specimen".
func (c Class) Code() string {
	switch c {
	case ClassOrganisation:
		return "mrz.state_organisation"
	case ClassStateless:
		return "mrz.state_stateless"
	case ClassRefugee:
		return "mrz.state_refugee"
	case ClassUnspecified:
		return "mrz.state_unspecified"
	case ClassSpecimen:
		return "mrz.specimen"
	case ClassWithdrawn:
		return "mrz.state_withdrawn"
	}
	return ""
}

// State is an issuing state or nationality as written in a zone, fillers
// removed ("D", "UTO", "GBR"), with its class and ISO 3166-1 region.
type State struct {
	code   string
	class  Class
	region language.Region
}

// Code returns the code as written, fillers removed.
func (s State) Code() string { return s.code }

// Class returns what the code stands for.
func (s State) Class() Class { return s.class }

// Region returns the ISO 3166-1 region of the code and true, or false for
// codes with no region (organisations, stateless persons, refugees, the
// specimen state, withdrawn codes).
func (s State) Region() (language.Region, bool) {
	return s.region, s.class == ClassState || s.class == ClassMapped
}

// String returns the code.
func (s State) String() string { return s.code }

// icaoCode looks up the codes of ICAO Doc 9303 Part 3 §5
// (https://www.icao.int/publications/Documents/9303_p3_cons_en.pdf) that are
// not ISO 3166-1 alpha-3 codes: their class and the region they stand for,
// if any.
func icaoCode(code string) (Class, string, bool) {
	switch code {
	case "D":
		return ClassMapped, "DE", true
	case "GBD", "GBN", "GBO", "GBP", "GBS":
		return ClassMapped, "GB", true
	case "EUE":
		return ClassMapped, "EU", true
	case "RKS", "XKX":
		// RKS is Kosovo's own code; XKX the ISO user-assigned code that
		// other states and the EU write.
		return ClassMapped, "XK", true
	case "UNO", "UNA", "UNK",
		"XBA", "XIM", "XCC", "XCE", "XCO", "XDC", "XEC", "XES", "XMP", "XOM", "XPO":
		return ClassOrganisation, "", true
	case "XXA":
		return ClassStateless, "", true
	case "XXB", "XXC":
		return ClassRefugee, "", true
	case "XXX":
		return ClassUnspecified, "", true
	case "UTO":
		return ClassSpecimen, "", true
	}
	if len(code) == 3 && code[0] == 'X' {
		// ICAO keeps the codes starting with X (ISO 3166 user-assigned
		// XAA–XZZ) for organisations and special cases.
		return ClassOrganisation, "", true
	}
	return ClassUnknown, "", false
}

// withdrawn reports whether r is an ISO 3166-1 code withdrawn into ISO 3166-3
// that golang.org/x/text still parses.
func withdrawn(r string) bool {
	switch r {
	case "AN", "BU", "CS", "DD", "FX", "NT", "SU", "TP", "YU", "ZR":
		return true
	}
	return false
}

// ParseState parses a three-character state field ("D<<", "UTO", "GBR") as
// found in a zone. It reports false for a code that is neither ISO 3166-1
// alpha-3 nor one of ICAO's own codes; ISO's user-assigned codes (AAA, XAA,
// ZZZ) are unknown unless ICAO assigns them.
func ParseState(field string) (State, bool) {
	code := trimFiller(field)
	if len(field) != 3 || len(code) == 0 {
		return State{}, false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return State{}, false
		}
	}
	if class, alpha2, ok := icaoCode(code); ok {
		s := State{code: code, class: class}
		if alpha2 != "" {
			// The table holds valid alpha-2 codes only.
			s.region, _ = language.ParseRegion(alpha2)
		}
		return s, true
	}
	if len(code) != 3 {
		return State{}, false
	}
	r, err := language.ParseRegion(code)
	if err != nil || r.IsPrivateUse() {
		return State{}, false
	}
	if withdrawn(r.String()) {
		return State{code: code, class: ClassWithdrawn}, true
	}
	return State{code: code, class: ClassState, region: r}, true
}
