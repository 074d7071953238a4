package certificate

import "fmt"

// Kind is the type of certificate an applicant authenticates with. The zero
// value is not a valid kind.
type Kind uint8

// The seven kinds, with their stable identifiers.
const (
	Passport            Kind = iota + 1 // "passport"
	IDCard                              // "id_card"
	HKMOTravelPermit                    // "hkmo_travel_permit"
	TWTravelPermit                      // "tw_travel_permit"
	HKMOResidencePermit                 // "hkmo_residence_permit"
	TWResidencePermit                   // "tw_residence_permit"
	DriverLicense                       // "driver_license"
)

var kindNames = [...]string{
	Passport:            "passport",
	IDCard:              "id_card",
	HKMOTravelPermit:    "hkmo_travel_permit",
	TWTravelPermit:      "tw_travel_permit",
	HKMOResidencePermit: "hkmo_residence_permit",
	TWResidencePermit:   "tw_residence_permit",
	DriverLicense:       "driver_license",
}

// Kinds returns every valid kind in declaration order.
func Kinds() []Kind {
	return []Kind{Passport, IDCard, HKMOTravelPermit, TWTravelPermit, HKMOResidencePermit, TWResidencePermit, DriverLicense}
}

// ParseKind returns the kind with the stable identifier s.
func ParseKind(s string) (Kind, error) {
	for k := Passport; k <= DriverLicense; k++ {
		if kindNames[k] == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("certificate: unknown kind %q", truncate(s, 32))
}

// Valid reports whether k is one of the seven kinds.
func (k Kind) Valid() bool { return k >= Passport && k <= DriverLicense }

// String returns the stable identifier, or "Kind(n)" for an invalid kind.
func (k Kind) String() string {
	if k.Valid() {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText implements [encoding.TextMarshaler].
func (k Kind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("certificate: cannot marshal invalid kind %d", uint8(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
