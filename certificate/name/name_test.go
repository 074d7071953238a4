package name

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		reason          string
		typed, document string
		want            bool
	}{
		{"identical", "ERIKSSON ANNA MARIA", "ERIKSSON ANNA MARIA", true},
		{"case folding", "eriksson anna maria", "ERIKSSON ANNA MARIA", true},
		{"width folding", "ＥＲＩＫＳＳＯＮ　ａｎｎａ", "ERIKSSON ANNA", true},
		{"given name first", "Anna Maria Eriksson", "ERIKSSON ANNA MARIA", true},
		{"document given name first", "Eriksson Anna Maria", "Anna Maria Eriksson", true},
		{"filler as separator", "Anna Maria Eriksson", "ERIKSSON<<ANNA<MARIA", true},
		{"hyphen equals space", "Jean-Pierre Dupont", "DUPONT JEAN PIERRE", true},
		{"apostrophe dropped in MRZ", "Sean O'Brien", "OBRIEN<<SEAN", true},
		{"typographic apostrophe", "Sean O\u2019Brien", "O'BRIEN SEAN", true},
		{"umlaut expanded (ICAO 9303 Part 3 §6)", "Müller", "MUELLER", true},
		{"umlaut plain", "Müller", "MULLER", true},
		{"umlaut UXX", "Müller", "MUXXLLER", true},
		{"umlaut on the document side", "Mueller", "MÜLLER", true},
		{"combining diaeresis composes under NFKC", "Mu\u0308ller", "MUELLER", true},
		{"eszett", "Straße", "STRASSE", true},
		{"a ring expanded", "Ångström", "AANGSTROEM", true},
		{"a ring plain", "Ångström", "ANGSTROM", true},
		{"n tilde plain", "Muñoz", "MUNOZ", true},
		{"n tilde NXX", "Muñoz", "MUNXXOZ", true},
		{"slashed o", "Søren", "SOEREN", true},
		{"acute accent to base letter", "José García", "GARCIA JOSE", true},
		{"polish l stroke", "Łukasz Wałęsa", "WALESA LUKASZ", true},
		{"thorn", "Þór", "THOR", true},
		{"ae ligature", "Ærø", "AEROE", true},
		{"turkish dotted capital I", "İSMAİL", "ISMAIL", true},
		{"AE ligature with acute (found by fuzzing)", "Ǽ", "AE", true},
		{"u with diaeresis and acute expands once", "Ǘ", "UE", true},
		{"Cyrillic short i keeps its breve", "Й", "И", false},
		{"Chinese with middle dot", "阿依古丽·买买提", "阿依古丽买买提", true},
		{"Chinese katakana middle dot", "阿依古丽・买买提", "阿依古丽·买买提", true},
		{"Chinese bullet look-alike", "阿依古丽•买买提", "阿依古丽买买提", true},
		{"Chinese hyphenation point", "阿依古丽‧买买提", "阿依古丽买买提", true},
		{"Chinese plain", "张三", "张三", true},
		{"Chinese with spaces", "张 三", "张三", true},
		{"different surname", "Anna Maria Eriksson", "ERIKSEN ANNA MARIA", false},
		{"missing given name", "Anna Eriksson", "ERIKSSON ANNA MARIA", false},
		{"extra given name", "Anna Maria Eriksson", "ERIKSSON ANNA", false},
		{"different Chinese name", "张三", "张四", false},
		{"umlaut is not another vowel", "Müller", "MOLLER", false},
		{"mixing expanded and plain does not match both ways", "Müller", "MUELER", false},
		{"empty typed name", "", "ERIKSSON", false},
		{"separators only", " - ' <", "ERIKSSON", false},
		{"empty document", "ERIKSSON", "", false},
		{"scripts are not transliterated", "张三", "ZHANG SAN", false},
		{"too long", strings.Repeat("A", MaxLen+1), strings.Repeat("A", MaxLen+1), false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Match(c.typed, c.document), c.reason)
		assert.Equal(t, c.want, Match(c.document, c.typed), c.reason+" (sides swapped)")
	}
}

func TestMatchMRZ(t *testing.T) {
	cases := []struct {
		reason             string
		typed              string
		primary, secondary string
		truncated, want    bool
	}{
		{"ICAO specimen name, given names first", "Anna Maria Eriksson", "ERIKSSON", "ANNA MARIA", false, true},
		{"surname first", "ERIKSSON ANNA MARIA", "ERIKSSON", "ANNA<MARIA", false, true},
		{"fillers as separators", "Anna-Maria Eriksson", "ERIKSSON", "ANNA<MARIA", false, true},
		{"surname only", "Dedic", "DEDIC", "", false, true},
		{"truncated MRZ name is a prefix", "Anna Maria Eriksson", "ERIKSSON", "ANNA MAR", true, true},
		{"not truncated: prefix is not enough", "Anna Maria Eriksson", "ERIKSSON", "ANNA MAR", false, false},
		{"truncated but different", "Anna Maria Eriksson", "ERIKSSON", "ANNE MAR", true, false},
		{"truncated zone longer than typed", "Anna Eriksson", "ERIKSSON", "ANNA MARIA", true, false},
		{"umlaut in a truncated name", "Jürgen Müller-Lüdenscheidt", "MUELLER LUEDENSCHEIDT", "JUERG", true, true},
		{"swapped halves", "Maria Anna Eriksson", "ERIKSSON", "ANNA MARIA", false, false},
		{"empty typed", "", "ERIKSSON", "ANNA", false, false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, MatchMRZ(c.typed, c.primary, c.secondary, c.truncated), c.reason)
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct{ reason, in, want string }{
		{"plain form", "  Müller-Lüdenscheidt,  Jürgen ", "MULLER LUDENSCHEIDT JURGEN"},
		{"fillers", "ERIKSSON<<ANNA<MARIA<<<", "ERIKSSON ANNA MARIA"},
		{"middle dot", "阿依古丽·买买提", "阿依古丽 买买提"},
		{"too long", strings.Repeat("a", MaxLen+1), ""},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Normalize(c.in), c.reason)
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		_ = MatchMRZ("Anna Maria Eriksson", "ERIKSSON", "ANNA MARIA", false)
	}), "ASCII")
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		_ = Match("Müller Jürgen", "MUELLER JUERGEN")
	}), "Latin with diacritics")
}

func BenchmarkMatchMRZASCII(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		MatchMRZ("Anna Maria Eriksson", "ERIKSSON", "ANNA MARIA", false)
	}
}

func BenchmarkMatchDiacritics(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Match("Jürgen Müller", "MUELLER JUERGEN")
	}
}

func BenchmarkMatchChinese(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Match("阿依古丽·买买提", "阿依古丽买买提")
	}
}

// TestICAOLatinTable checks every upper-case letter of the ICAO 9303 Part 3
// §6 Latin table as implemented by Arg0s1080/mrz
// (mrz/generator/dictionaries/latin_based.py), which writes the expanded
// form: the typed letter, inside a name, matches the zone's transliteration.
func TestICAOLatinTable(t *testing.T) {
	table := map[string]string{
		"Á": "A", "À": "A", "Â": "A", "Ä": "AE", "Ã": "A", "Ă": "A", "Å": "AA", "Ā": "A", "Ą": "A",
		"Ć": "C", "Ĉ": "C", "Č": "C", "Ċ": "C", "Ç": "C", "Đ": "D", "Ď": "D", "Ð": "D",
		"É": "E", "È": "E", "Ê": "E", "Ë": "E", "Ě": "E", "Ė": "E", "Ē": "E", "Ę": "E", "Ĕ": "E",
		"Ĝ": "G", "Ğ": "G", "Ġ": "G", "Ģ": "G", "Ħ": "H", "Ĥ": "H",
		"Í": "I", "Ì": "I", "Î": "I", "Ï": "I", "Ĩ": "I", "İ": "I", "ı": "I", "Ī": "I", "Į": "I", "Ĭ": "I",
		"Ĵ": "J", "Ķ": "K", "Ł": "L", "Ĺ": "L", "Ľ": "L", "Ļ": "L", "Ŀ": "L",
		"Ń": "N", "Ñ": "N", "Ň": "N", "Ņ": "N", "Ŋ": "N",
		"Ø": "OE", "Ó": "O", "Ò": "O", "Ô": "O", "Ö": "OE", "Õ": "O", "Ő": "O", "Ō": "O", "Ŏ": "O",
		"Ŕ": "R", "Ř": "R", "Ŗ": "R", "Ś": "S", "Ŝ": "S", "Š": "S", "Ş": "S", "Ŧ": "T", "Ť": "T", "Ţ": "T",
		"Ú": "U", "Ù": "U", "Û": "U", "Ü": "UE", "Ũ": "U", "Ŭ": "U", "Ű": "U", "Ů": "U", "Ų": "U",
		"Ŵ": "W", "Ý": "Y", "Ŷ": "Y", "Ÿ": "Y", "Ź": "Z", "Ž": "Z", "Ż": "Z",
		"Þ": "TH", "Æ": "AE", "Ĳ": "IJ", "Œ": "OE", "ẞ": "SS", "ß": "SS",
	}
	for letter, want := range table {
		typed := "B" + letter + "B"
		assert.True(t, Match(typed, "B"+want+"B"), "%s → %s", letter, want)
		assert.True(t, Match(strings.ToLower(typed), "B"+want+"B"), "lower-case %s → %s", letter, want)
	}
}
