package mrz

import (
	"testing"

	"github.com/realname-go/realname/certificate"
)

var benchToday = certificate.Date{Year: 2026, Month: 11, Day: 25}

// The ICAO Doc 9303 Part 4 TD3 specimen.
const benchTD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"

func BenchmarkParseTD3(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m, err := Parse(benchTD3, benchToday)
		if err != nil || !m.Valid() {
			b.Fatal("specimen did not verify")
		}
	}
}

func BenchmarkParseTD1LongNumber(b *testing.B) {
	const td1 = "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"
	b.ReportAllocs()
	for b.Loop() {
		m, err := Parse(td1, benchToday)
		if err != nil || !m.Valid() {
			b.Fatal("specimen did not verify")
		}
	}
}
