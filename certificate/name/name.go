package name

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest name, in bytes of UTF-8, that the matcher compares.
// Longer names never match.
const MaxLen = 256

// maxFolded bounds a folded name: the longest expansion is three bytes for one
// two-byte letter (Ü to UXX), so twice MaxLen suffices.
const maxFolded = 2 * MaxLen

// maxTokens bounds the components tried as rotation points.
const maxTokens = 16

// form is a transliteration form of letters with diacritics.
type form uint8

const (
	plain    form = iota // Ü→U, Ä→A, Ñ→N
	expanded             // Ü→UE, Ä→AE, Ñ→N
	icaoAlt              // Ü→UXX, Ñ→NXX, others as expanded
	numForms
)

// folded is a name folded to upper case, with single spaces between
// components and no leading or trailing space.
type folded struct {
	buf [maxFolded]byte
	n   int
	// starts holds the offset of each component; ntok counts them.
	starts [maxTokens]uint16
	ntok   int
	// sep is set after a separator; last is the ASCII letter just written,
	// which a combining mark may expand; latin is set after a Latin letter,
	// whose other marks are dropped.
	sep   bool
	last  byte
	latin bool
	// variants is set when a letter has more than one transliteration.
	variants bool
	// many is set when there are more than maxTokens components; rotation is
	// then not tried.
	many bool
}

func (f *folded) bytes() []byte { return f.buf[:f.n] }

// Normalize returns the plain folded form of s: NFKC, upper case, diacritics
// removed (Ü to U), separators collapsed to single spaces. It is the form the
// matcher compares, and useful for display or storage keys. Names longer
// than [MaxLen] bytes or not valid UTF-8 give "". Compatibility characters
// can make the normal form longer than the name; like any name, a normal form
// longer than MaxLen never matches.
func Normalize(s string) string {
	var f folded
	if !fold(&f, s, plain) {
		return ""
	}
	return string(f.bytes())
}

// Match reports whether typed is the same name as document under the rules of
// the package documentation. Neither order nor separators matter; an empty
// name matches nothing.
func Match(typed, document string) bool {
	return match(typed, document, "", false, false)
}

// MatchMRZ reports whether typed matches the name of a machine-readable zone
// given as its primary identifier (surname) and secondary identifier (given
// names), with fillers already turned into spaces or left as '<'. When
// truncated is true the zone's name filled its field and may have been cut,
// so it needs only be a prefix of the typed name.
func MatchMRZ(typed string, primary, secondary string, truncated bool) bool {
	return match(typed, primary, secondary, true, truncated)
}

func match(typed, doc1, doc2 string, two, prefix bool) bool {
	if len(typed) > MaxLen || len(doc1)+len(doc2) > MaxLen {
		return false
	}
	var tf, df [2]folded // index 0: plain form; 1: the form being tried
	if !fold(&tf[0], typed, plain) || tf[0].n == 0 {
		return false
	}
	foldDoc := func(f *folded, fm form) bool {
		if !fold(f, doc1, fm) {
			return false
		}
		return !two || foldMore(f, doc2, fm)
	}
	if !foldDoc(&df[0], plain) || df[0].n == 0 {
		return false
	}
	tMulti, dMulti := tf[0].variants, df[0].variants
	for ft := plain; ft < numForms; ft++ {
		t := &tf[0]
		if ft != plain {
			if !tMulti {
				break
			}
			fold(&tf[1], typed, ft)
			t = &tf[1]
		}
		for fd := plain; fd < numForms; fd++ {
			d := &df[0]
			if fd != plain {
				if !dMulti {
					break
				}
				foldDoc(&df[1], fd)
				d = &df[1]
			}
			if compare(t, d, prefix) {
				return true
			}
		}
	}
	return false
}

// compare reports whether some rotation of t's components, concatenated,
// equals d's concatenated (or has it as a prefix when prefix is set), or
// some rotation of d equals t.
func compare(t, d *folded, prefix bool) bool {
	for k := 0; k < rotations(t); k++ {
		if rotEqual(t, k, d, 0, prefix) {
			return true
		}
	}
	for k := 1; k < rotations(d); k++ {
		if rotEqual(t, 0, d, k, prefix) {
			return true
		}
	}
	return false
}

func rotations(f *folded) int {
	if f.many {
		return 1
	}
	return f.ntok
}

// rotIter walks the letters (no spaces) of a folded name starting at
// component k and wrapping around.
type rotIter struct {
	f     *folded
	k     int // component the walk started at
	pos   int // byte offset in f.buf
	moved bool
}

func newRotIter(f *folded, k int) rotIter {
	start := 0
	if k > 0 {
		start = int(f.starts[k])
	}
	return rotIter{f: f, k: k, pos: start}
}

// next returns the next non-space byte and false at the end of the walk.
func (it *rotIter) next() (byte, bool) {
	for {
		if it.pos >= it.f.n {
			if it.k == 0 {
				return 0, false
			}
			it.pos = 0
			it.moved = true
		}
		if it.moved && it.k > 0 && it.pos >= int(it.f.starts[it.k]) {
			return 0, false
		}
		c := it.f.buf[it.pos]
		it.pos++
		if c != ' ' {
			return c, true
		}
	}
}

func rotEqual(t *folded, kt int, d *folded, kd int, prefix bool) bool {
	a := newRotIter(t, kt)
	b := newRotIter(d, kd)
	for {
		x, okx := a.next()
		y, oky := b.next()
		switch {
		case !oky:
			return !okx || prefix
		case !okx:
			return false
		case x != y:
			return false
		}
	}
}

// fold writes the folded form of s in form fm into f and reports false when s
// is too long or not valid UTF-8.
func fold(f *folded, s string, fm form) bool {
	f.n, f.ntok, f.many, f.variants = 0, 0, false, false
	return foldMore(f, s, fm)
}

// foldMore appends the folded form of s to f as further components. Each rune
// is decomposed (NFKD), so composed and decomposed input, full-width and
// compatibility forms fold alike; the marks that ICAO transliterates (the
// diaeresis, ring and tilde) are read after their base letter.
func foldMore(f *folded, s string, fm form) bool {
	if len(s) > MaxLen {
		return false
	}
	f.sep, f.last, f.latin = true, 0, false // each part starts a new component
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return false // invalid UTF-8 is not a name
		}
		if r < utf8.RuneSelf {
			if !f.putBase(r, fm) {
				return false
			}
			continue
		}
		if caseless(r) {
			// Han ideographs and Hangul syllables have no case, marks or
			// compatibility forms: write them as they are.
			if !f.startLetter() || !f.putUTF8(r) {
				return false
			}
			f.last, f.latin = 0, false
			continue
		}
		if t, ok := special(unicode.ToUpper(r), fm); ok {
			f.variants = f.variants || r == 'Ø' || r == 'ø'
			if !f.startLetter() || !f.putString(t) {
				return false
			}
			f.last, f.latin = 0, true
			continue
		}
		var tmp [utf8.UTFMax]byte
		n := utf8.EncodeRune(tmp[:], r)
		d := norm.NFKD.Properties(tmp[:n]).Decomposition()
		if len(d) == 0 {
			if !f.putBase(r, fm) {
				return false
			}
			continue
		}
		for _, c := range string(d) {
			if !f.putBase(c, fm) {
				return false
			}
		}
	}
	return true
}

// putBase appends one rune of a decomposed name.
func (f *folded) putBase(r rune, fm form) bool {
	if asciiWord(r) {
		c := byte(r)
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if !f.sep {
			f.last, f.latin = c, true
			return f.put(c)
		}
		if !f.startLetter() {
			return false
		}
		f.last, f.latin = c, true
		return f.put(c)
	}
	switch {
	case isSeparator(r):
		f.sep, f.last, f.latin = true, 0, false
		return true
	case unicode.Is(unicode.Mn, r):
		if !f.latin {
			// A mark on a letter of another script is part of the letter.
			return f.startLetter() && f.putUTF8(r)
		}
		return f.putMark(r, fm)
	case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
		return true
	}
	if !f.startLetter() {
		return false
	}
	if r < utf8.RuneSelf {
		c := byte(r)
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		f.last, f.latin = c, true
		return f.put(c)
	}
	f.last = 0
	if t, ok := special(unicode.ToUpper(r), fm); ok {
		f.latin = true
		return f.putString(t)
	}
	f.latin = false
	return f.putUTF8(unicode.ToUpper(r))
}

// putMark handles a combining mark after the Latin letter f.last: ICAO
// expands A, O and U with a diaeresis (to AE, OE, UE or UXX), A with a ring
// (AA) and N with a tilde (NXX); other marks are dropped.
func (f *folded) putMark(r rune, fm form) bool {
	var t string
	switch {
	case r == '\u0308' && (f.last == 'A' || f.last == 'O' || f.last == 'U'):
		t = pick(fm, "", "E", "E")
		if f.last == 'U' {
			t = pick(fm, "", "E", "XX")
		}
	case r == '\u030a' && f.last == 'A':
		t = pick(fm, "", "A", "A")
	case r == '\u0303' && f.last == 'N':
		t = pick(fm, "", "", "XX")
	default:
		return true
	}
	f.variants = true
	f.last = 0 // one expansion per letter
	return f.putString(t)
}

// startLetter writes the separator before the first letter of a component and
// records where the component starts.
func (f *folded) startLetter() bool {
	if !f.sep {
		return true
	}
	f.sep = false
	if f.n > 0 && !f.put(' ') {
		return false
	}
	if f.ntok < maxTokens {
		f.starts[f.ntok] = uint16(f.n)
		f.ntok++
	} else {
		f.many = true
	}
	return true
}

func (f *folded) put(c byte) bool {
	if f.n >= len(f.buf) {
		return false
	}
	f.buf[f.n] = c
	f.n++
	return true
}

func (f *folded) putString(s string) bool {
	if f.n+len(s) > len(f.buf) {
		return false
	}
	f.n += copy(f.buf[f.n:], s)
	return true
}

func (f *folded) putUTF8(r rune) bool {
	if f.n+utf8.UTFMax > len(f.buf) {
		return false
	}
	f.n += utf8.EncodeRune(f.buf[f.n:], r)
	return true
}

// special returns the ICAO 9303 Part 3 §6 transliteration of the upper-case
// letters that have no canonical decomposition into a base letter and marks,
// and reports whether r is one of them. Ø is OE in the expanded forms and O
// in the plain one.
func special(r rune, fm form) (string, bool) {
	switch r {
	case 'Ø':
		return pick(fm, "O", "OE", "OE"), true
	case 'Æ':
		return "AE", true
	case 'Œ':
		return "OE", true
	case 'Þ':
		return "TH", true
	case 'ß', 'ẞ':
		return "SS", true
	case 'Đ', 'Ð':
		return "D", true
	case 'Ħ':
		return "H", true
	case 'Ł':
		return "L", true
	case 'Ŧ':
		return "T", true
	case 'Ŋ':
		return "N", true
	case 'ı':
		return "I", true
	}
	return "", false
}

func pick(fm form, p, e, a string) string {
	switch fm {
	case expanded:
		return e
	case icaoAlt:
		return a
	}
	return p
}

// caseless reports whether r is a unified Han ideograph or a Hangul
// syllable, which fold to themselves.
func caseless(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF) ||
		(r >= 0xAC00 && r <= 0xD7A3) || (r >= 0x20000 && r <= 0x2EBEF) || (r >= 0x30000 && r <= 0x323AF)
}

// asciiWord reports whether r is an ASCII letter or digit.
func asciiWord(r rune) bool {
	return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
}

// isSeparator reports whether r separates name components: white space,
// hyphens and dashes, apostrophes, the MRZ filler, commas, full stops and
// middle dots.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '-', '\'', '<', ',', '.', '`', '_',
		'\u00a0',                                                   // no-break space
		'\u00b7',                                                   // middle dot ·
		'\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', // hyphens, dashes, minus
		'\u2018', '\u2019', '\u02bc', '\u02b9', '\u00b4', // apostrophes
		'\u2022', // bullet •
		'\u2027', // hyphenation point ‧
		'\u2219', // bullet operator ∙
		'\u22c5', // dot operator ⋅
		'\u30fb', // katakana middle dot ・
		'\uff65', // halfwidth katakana middle dot ･
		'\u3000': // ideographic space
		return true
	}
	return unicode.IsSpace(r)
}
