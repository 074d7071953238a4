package mrz

import (
	"fmt"
	"iter"
	"strings"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/checksum"
)

// MaxInput is the largest text [Parse] reads, in bytes, white space
// included. The largest zone (TD3) is 90 bytes with its line break.
const MaxInput = 1024

// Format is the layout of a machine-readable zone.
type Format uint8

// The five layouts of ICAO Doc 9303.
const (
	TD1  Format = iota + 1 // identity card, 3 lines of 30
	TD2                    // identity card, 2 lines of 36
	TD3                    // passport, 2 lines of 44
	MRVA                   // visa format A, 2 lines of 44
	MRVB                   // visa format B, 2 lines of 36
)

var formatNames = [...]string{TD1: "TD1", TD2: "TD2", TD3: "TD3", MRVA: "MRVA", MRVB: "MRVB"}

// String returns "TD1", "TD2", "TD3", "MRVA" or "MRVB".
func (f Format) String() string {
	if f >= TD1 && f <= MRVB {
		return formatNames[f]
	}
	return ""
}

// MarshalText implements [encoding.TextMarshaler].
func (f Format) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Check names one check digit of a zone.
type Check uint8

// The check digits, in the order they are reported.
const (
	DocumentNumber Check = iota // over the document number
	BirthDate                   // over the date of birth
	ExpiryDate                  // over the date of expiry
	OptionalData                // over the personal number (TD3 only)
	Composite                   // over the number, dates and optional data (TD1, TD2, TD3)
	numChecks
)

var checkNames = [...]string{
	DocumentNumber: "document_number",
	BirthDate:      "birth_date",
	ExpiryDate:     "expiry_date",
	OptionalData:   "optional_data",
	Composite:      "composite",
}

// String returns the check name: "document_number", "birth_date",
// "expiry_date", "optional_data" or "composite".
func (c Check) String() string {
	if c < numChecks {
		return checkNames[c]
	}
	return ""
}

// Code returns the violation code of a failure of this check, for example
// "mrz.check_failed.composite".
func (c Check) Code() string { return "mrz.check_failed." + c.String() }

// MarshalText implements [encoding.TextMarshaler].
func (c Check) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// MRZ is a parsed machine-readable zone. Its strings are substrings of the
// parsed text where possible; fillers are removed from the ends of fields and
// turned into single spaces inside names.
//
// Package fmt prints an MRZ with the document number, the optional data and
// the names masked ([certificate.Mask]) and without the lines of the zone:
// %v, %+v, %s and %q print [MRZ.String], %#v prints [MRZ.GoString]. Read the
// fields for the full values.
type MRZ struct {
	Format Format
	// DocumentCode is the document code, fillers removed: "P", "PO", "I",
	// "ID", "V", …
	DocumentCode string
	IssuingState State
	Nationality  State
	// DocumentNumber is the full number; a long TD1 or TD2 number is joined
	// from its two parts.
	DocumentNumber string
	// Birth is zero when the zone marks the date of birth unknown with
	// fillers; BirthUnknown is then set.
	Birth        certificate.Date
	BirthUnknown bool
	// Expiry is the date of expiry (valid-until date for visas).
	Expiry certificate.Date
	// Sex is Male, Female or SexUnspecified; SexCode is the character as
	// written ('M', 'F', 'X' or '<').
	Sex     certificate.Sex
	SexCode byte
	// Primary is the primary identifier (surname), Secondary the secondary
	// identifier (given names); their components are separated by one space.
	Primary   string
	Secondary string
	// Truncated is set when the name fills its field, so it may have been
	// cut.
	Truncated bool
	// Optional1 is the optional data (personal number in TD3); Optional2 is
	// the second optional data field of TD1. Fillers are removed from the
	// ends; the data of a long document number is not included.
	Optional1 string
	Optional2 string

	applies uint8 // bit per Check
	passed  uint8 // bit per Check
	lines   [3]string
}

// String returns the layout, the document code, the issuing state and the
// masked document number, for example "TD3 P UTO L8*****C3".
func (m MRZ) String() string {
	return fmt.Sprintf("%s %s %s %s", m.Format, m.DocumentCode, m.IssuingState, certificate.Mask(m.DocumentNumber))
}

// GoString returns Go syntax for m's fields, with the document number, the
// optional data and the names masked and the lines of the zone left out, for
// %#v.
func (m MRZ) GoString() string {
	format := "mrz." + m.Format.String()
	if m.Format.String() == "" {
		format = fmt.Sprintf("mrz.Format(%d)", uint8(m.Format))
	}
	return fmt.Sprintf("mrz.MRZ{Format:%s, DocumentCode:%q, IssuingState:%q, Nationality:%q, DocumentNumber:%q, "+
		"Birth:%q, BirthUnknown:%t, Expiry:%q, Sex:%q, SexCode:%q, Primary:%q, Secondary:%q, Truncated:%t, "+
		"Optional1:%q, Optional2:%q}",
		format, m.DocumentCode, m.IssuingState.Code(), m.Nationality.Code(), certificate.Mask(m.DocumentNumber),
		m.Birth.String(), m.BirthUnknown, m.Expiry.String(), m.Sex.String(), m.SexCode, certificate.Mask(m.Primary),
		certificate.Mask(m.Secondary), m.Truncated, certificate.Mask(m.Optional1), certificate.Mask(m.Optional2))
}

// Lines returns the lines of the zone as parsed (without line breaks).
func (m *MRZ) Lines() []string {
	n := 2
	if m.Format == TD1 {
		n = 3
	}
	return m.lines[:n:n]
}

// Applies reports whether the layout has check c.
func (m *MRZ) Applies(c Check) bool { return c < numChecks && m.applies&(1<<c) != 0 }

// Passed reports whether check c applies and passed.
func (m *MRZ) Passed(c Check) bool { return m.Applies(c) && m.passed&(1<<c) != 0 }

// Checks yields every check the layout has, in order, with whether it passed:
// an audit report rather than one bool.
func (m *MRZ) Checks() iter.Seq2[Check, bool] {
	return func(yield func(Check, bool) bool) {
		for c := range numChecks {
			if m.Applies(c) && !yield(c, m.Passed(c)) {
				return
			}
		}
	}
}

// Valid reports whether every check digit passed. Structure, characters,
// dates and state codes are already valid when [Parse] returns no error.
// Expiry is not part of validity: see [MRZ.ExpiredOn].
func (m *MRZ) Valid() bool { return m.applies != 0 && m.passed == m.applies }

// Verify returns nil when every check digit passed, and a [*CheckError]
// listing the failed checks otherwise.
func (m *MRZ) Verify() error {
	if m.Valid() {
		return nil
	}
	e := &CheckError{}
	for c, ok := range m.Checks() {
		if !ok {
			e.Failed = append(e.Failed, c)
		}
	}
	return e
}

// ExpiredOn reports whether the document is past its expiry date on day on;
// the expiry date itself is still valid.
func (m *MRZ) ExpiredOn(on certificate.Date) bool {
	return !m.Expiry.IsZero() && on.After(m.Expiry)
}

// Specimen reports whether the issuing state is Utopia, the ICAO specimen
// state.
func (m *MRZ) Specimen() bool { return m.IssuingState.class == ClassSpecimen }

// Name returns the name as "PRIMARY SECONDARY", for display.
func (m *MRZ) Name() string {
	if m.Secondary == "" {
		return m.Primary
	}
	return m.Primary + " " + m.Secondary
}

func (m *MRZ) setCheck(c Check, ok bool) {
	m.applies |= 1 << c
	if ok {
		m.passed |= 1 << c
	}
}

// verifyDigit reports whether digit is the ICAO check digit of data. A
// digit that is not 0–9 fails.
func verifyDigit(data string, digit byte) bool {
	want, ok := checksum.ICAO(data)
	return ok && want == digit
}

func trimFiller(s string) string {
	return strings.TrimRight(s, "<")
}
