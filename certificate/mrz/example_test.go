package mrz_test

import (
	"fmt"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
)

func ExampleParse() {
	// The TD3 specimen of ICAO Doc 9303 Part 4.
	const zone = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10"
	today := certificate.Date{Year: 2026, Month: 11, Day: 25}
	m, err := mrz.Parse(zone, today)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Format, m.DocumentNumber, m.Birth, m.Expiry, m.Sex)
	fmt.Println(m.Primary, "/", m.Secondary)
	for check, ok := range m.Checks() {
		fmt.Println(check, ok)
	}
	fmt.Println("valid:", m.Valid(), "expired:", m.ExpiredOn(today), "specimen:", m.Specimen())
	// Output:
	// TD3 L898902C3 1974-08-12 2012-04-15 F
	// ERIKSSON / ANNA MARIA
	// document_number true
	// birth_date true
	// expiry_date true
	// optional_data true
	// composite true
	// valid: true expired: true specimen: true
}

func ExampleParse_error() {
	_, err := mrz.Parse("P<UTOEriksson<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"+
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10", certificate.Date{Year: 2026, Month: 1, Day: 1})
	fmt.Println(err)
	// Output:
	// mrz: character outside A-Z, 0-9 and < (line 1, position 7): 'r' (U+0072), lower case
}

func ExampleParseState() {
	for _, field := range []string{"D<<", "GBN", "XXA", "UTO", "CHN"} {
		s, _ := mrz.ParseState(field)
		r, ok := s.Region()
		if !ok {
			fmt.Println(s, s.Class(), "no region:", s.Class().Code())
			continue
		}
		fmt.Println(s, s.Class(), r)
	}
	// Output:
	// D mapped DE
	// GBN mapped GB
	// XXA stateless no region: mrz.state_stateless
	// UTO specimen no region: mrz.specimen
	// CHN state CN
}

func ExampleMRZ_Verify() {
	m, _ := mrz.Parse("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n"+
		"D231458906UTO7408122F1204159<<<<<<<6", certificate.Date{Year: 2026, Month: 1, Day: 1})
	fmt.Println(m.Verify())
	// Output:
	// mrz: check digit mismatch: document_number, composite
}
