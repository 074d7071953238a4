package pinyin

import (
	"strings"
	"unicode"

	gopinyin "github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"

	"github.com/realname-go/realname/certificate/name"
)

// Result is the outcome of a comparison.
type Result uint8

const (
	// NoMatch: no reading spells the document's name, or the typed name is
	// not in Chinese characters.
	NoMatch Result = iota
	// Matches: the standard readings spell the document's name.
	Matches
	// Review: only another reading or romanization spells it; a person
	// confirms.
	Review
)

// String returns "no_match", "match" or "review".
func (r Result) String() string {
	switch r {
	case Matches:
		return "match"
	case Review:
		return "review"
	}
	return "no_match"
}

// Via says how a name matched. Later values are weaker: a name matched
// through several is reported under the weakest.
type Via uint8

const (
	// ViaPinyin: the standard Hanyu Pinyin readings, with the surname
	// readings of surnames.
	ViaPinyin Via = iota
	// ViaHeteronym: another dictionary reading of a character.
	ViaHeteronym
	// ViaSplit: the surname and given names split at another character
	// than the usual one (a compound surname read as two characters, or
	// the other way round), or the whole name in the primary identifier.
	ViaSplit
	// ViaWadeGiles: Wade–Giles spelling (CHANG, HSU, CHIH).
	ViaWadeGiles
	// ViaRomanization: a Cantonese, Hokkien or other common romanization of
	// the surname (CHAN, WONG, TAN).
	ViaRomanization
	// ViaGivenUnchecked: the surname matched a romanization, and the given
	// names, one syllable per character, could not be read (Cantonese).
	ViaGivenUnchecked
	// ViaSameSound: both names are in Chinese characters, and the
	// characters that differ have the same standard reading (陈 and 陳).
	ViaSameSound
)

var viaNames = [...]string{"pinyin", "heteronym", "surname_split", "wade_giles", "romanization", "given_names_unchecked", "same_sound"}

// String returns the name of v as reports carry it: "pinyin",
// "heteronym", "surname_split", "wade_giles", "romanization",
// "given_names_unchecked" or "same_sound".
func (v Via) String() string {
	if int(v) < len(viaNames) {
		return viaNames[v]
	}
	return "unknown"
}

// Outcome is the result of a comparison and, unless it is NoMatch, how the
// name matched.
type Outcome struct {
	Result Result
	Via    Via
}

// Limits on the work of one comparison.
const (
	maxChars   = 16 // Chinese characters in a typed name
	maxLetters = 64 // letters of a document's name
)

// cand is one spelling of a unit and how it was found.
type cand struct {
	s   string
	via Via
}

// unit is the spellings of one character or compound surname.
type unit []cand

// add appends s unless it is already there with a stronger or equal via.
func (u unit) add(s string, via Via) unit {
	if s == "" {
		return u
	}
	for i := range u {
		if u[i].s == s {
			if via < u[i].via {
				u[i].via = via
			}
			return u
		}
	}
	return append(u, cand{s, via})
}

// addReading adds a reading (upper case, ü as V) in each of the ways the
// letter ü is written, and its Wade–Giles spelling.
func (u unit) addReading(r string, via Via) unit {
	if strings.Contains(r, "V") {
		for _, ue := range [...]string{"YU", "U", "V", "UE"} {
			u = u.add(strings.ReplaceAll(r, "V", ue), via)
		}
	} else {
		u = u.add(r, via)
	}
	return u.add(wadeGiles(r), max(via, ViaWadeGiles))
}

// readings returns the dictionary readings of r without tones, upper case,
// ü written V; the first is the most common.
func readings(r rune) []string {
	d, ok := gopinyin.PinyinDict[int(r)]
	if !ok {
		return nil
	}
	var out []string
	for p := range strings.SplitSeq(d, ",") {
		if s := toneless(p); s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// toneless returns a pinyin syllable in upper case without tone marks,
// with ü written V.
func toneless(p string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(p) {
		switch {
		case r == '\u0308':
			s := b.String()
			if strings.HasSuffix(s, "U") {
				b.Reset()
				b.WriteString(s[:len(s)-1] + "V")
			}
		case r >= 'a' && r <= 'z':
			b.WriteByte(byte(r) - 'a' + 'A')
		case r >= 'A' && r <= 'Z':
			b.WriteByte(byte(r))
		}
	}
	return b.String()
}

// charUnit returns the spellings of one character, as a surname when
// surname is set.
func charUnit(r rune, surname bool) unit {
	rs := readings(r)
	var u unit
	std := rs
	if len(rs) > 0 {
		std = rs[:1]
	}
	if surname {
		if s, ok := surnameReadings[string(r)]; ok {
			std = s
		}
	}
	for _, s := range std {
		u = u.addReading(s, ViaPinyin)
	}
	for _, s := range rs {
		u = u.addReading(s, ViaHeteronym)
	}
	if surname {
		for _, s := range romanizations[string(r)] {
			u = u.add(s, ViaRomanization)
		}
	}
	return u
}

// compoundUnit returns the spellings of a two-character compound surname:
// its surname reading, the readings of its characters, and its
// romanizations.
func compoundUnit(s []rune) unit {
	key := string(s)
	var u unit
	for _, r := range surnameReadings[key] {
		u = u.addReading(r, ViaPinyin)
	}
	special := len(u) > 0
	a, b := charUnit(s[0], false), charUnit(s[1], false)
	for _, x := range a {
		for _, y := range b {
			via := max(x.via, y.via)
			if special {
				via = max(via, ViaHeteronym)
			}
			u = u.add(x.s+y.s, via)
		}
	}
	for _, r := range romanizations[key] {
		u = u.add(r, ViaRomanization)
	}
	return u
}

// split is one way to divide a typed name into surname and given names.
type split struct {
	surname, given []unit
	via            Via
}

// splits returns the ways to divide h, the usual one first: a compound
// surname (欧阳修: 欧阳 + 修) or one character (张三丰: 张 + 三丰); then
// the other (欧 + 阳修, 张三 + 丰).
func splits(h []rune) []split {
	given := func(k int) []unit {
		us := make([]unit, 0, len(h)-k)
		for _, r := range h[k:] {
			us = append(us, charUnit(r, false))
		}
		return us
	}
	one := split{surname: []unit{charUnit(h[0], true)}, given: given(1)}
	if len(h) < 3 {
		return []split{one}
	}
	if compounds[string(h[:2])] {
		one.via = ViaSplit
		return []split{{surname: []unit{compoundUnit(h[:2])}, given: given(2)}, one}
	}
	two := split{surname: []unit{charUnit(h[0], true), charUnit(h[1], false)}, given: given(2), via: ViaSplit}
	return []split{one, two}
}

// noVia marks a state the spelling cannot reach.
const noVia = 0xff

// spell reports the weakest via with which units spell target, all of it,
// or only its beginning when prefix is set (a truncated zone: target may
// end inside the spelling).
func spell(units []unit, target string, prefix bool) (Via, bool) {
	n, m := len(units), len(target)
	if n > maxChars || m > maxLetters {
		return 0, false
	}
	var dp [maxChars + 1][maxLetters + 1]uint8
	for i := range dp[:n+1] {
		for p := range dp[i][:m+1] {
			dp[i][p] = noVia
		}
	}
	dp[0][0] = uint8(ViaPinyin)
	best := uint8(noVia)
	for i := 0; i < n; i++ {
		for p := 0; p <= m; p++ {
			cur := dp[i][p]
			if cur == noVia {
				continue
			}
			if prefix && p == m {
				best = min(best, cur)
				continue
			}
			for _, c := range units[i] {
				v := max(cur, uint8(c.via))
				rest := target[p:]
				switch {
				case strings.HasPrefix(rest, c.s):
					dp[i+1][p+len(c.s)] = min(dp[i+1][p+len(c.s)], v)
				case prefix && strings.HasPrefix(c.s, rest):
					best = min(best, v)
				}
			}
		}
	}
	best = min(best, dp[n][m])
	if best == noVia {
		return 0, false
	}
	return Via(best), true
}

// han returns the Chinese characters of typed, without the spaces and
// middle dots between them, and whether typed is nothing else.
func han(typed string) ([]rune, bool) {
	var h []rune
	for _, r := range typed {
		switch {
		case unicode.Is(unicode.Han, r):
			if len(h) == maxChars {
				return nil, false
			}
			h = append(h, r)
		case unicode.IsSpace(r) || r == '·' || r == '・' || r == '•' || r == '‧' || r == '･' || r == '∙' || r == '⋅':
		default:
			return nil, false
		}
	}
	return h, len(h) > 0
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// components returns the Latin name components of s, folded to upper case
// without diacritics (name.Normalize), letters only.
func components(s string) []string {
	var out []string
	for _, f := range strings.Fields(name.Normalize(s)) {
		var b strings.Builder
		for i := 0; i < len(f); i++ {
			if c := f[i]; c >= 'A' && c <= 'Z' {
				b.WriteByte(c)
			}
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return out
}

// MatchMRZ compares typed, a name in Chinese characters (surname first),
// with the primary identifier (surname) and secondary identifier (given
// names) of a machine-readable zone or a Latin name printed in two parts,
// with fillers as '<' or spaces. When truncated is set the zone's name
// filled its field, so its end may be cut. A typed name that is not in
// Chinese characters is NoMatch: compare it with package certificate/name.
func MatchMRZ(typed, primary, secondary string, truncated bool) Outcome {
	if len(typed) > name.MaxLen || len(primary)+len(secondary) > name.MaxLen {
		return Outcome{}
	}
	h, ok := han(typed)
	if !ok {
		return Outcome{}
	}
	if hasHan(primary) || hasHan(secondary) {
		return sameSound(h, primary+secondary)
	}
	p := strings.Join(components(primary), "")
	gs := components(secondary)
	g := strings.Join(gs, "")
	if p == "" {
		return Outcome{}
	}
	best, found := Via(noVia), false
	try := func(v Via, ok bool) {
		if ok && (!found || v < best) {
			best, found = v, true
		}
	}
	for _, sp := range splits(h) {
		if g == "" {
			// The whole name in the primary identifier.
			v, ok := spell(append(append([]unit{}, sp.surname...), sp.given...), p, truncated)
			try(max(v, sp.via, ViaSplit), ok)
			continue
		}
		sv, ok1 := spell(sp.surname, p, false)
		gv, ok2 := spell(sp.given, g, truncated)
		try(max(sv, gv, sp.via), ok1 && ok2)
		// Cantonese given names are not in the dictionary: with the
		// surname romanized and one syllable per character, a person
		// compares them.
		if ok1 && !ok2 && sv == ViaRomanization && len(gs) == len(sp.given) {
			try(ViaGivenUnchecked, true)
		}
	}
	return outcome(best, found)
}

// Match compares typed, a name in Chinese characters (surname first), with
// a name printed as one string: Latin letters in either order (ZHANG SAN,
// San Zhang), or Chinese characters (see [ViaSameSound]). A typed name that
// is not in Chinese characters is NoMatch.
func Match(typed, document string) Outcome {
	if len(typed) > name.MaxLen || len(document) > name.MaxLen {
		return Outcome{}
	}
	h, ok := han(typed)
	if !ok {
		return Outcome{}
	}
	if hasHan(document) {
		return sameSound(h, document)
	}
	cs := components(document)
	if len(cs) == 0 || len(cs) > maxChars {
		return Outcome{}
	}
	best, found := Via(noVia), false
	rotated := make([]string, len(cs))
	for k := range cs {
		rotated = append(append(rotated[:0], cs[k:]...), cs[:k]...)
		d := strings.Join(rotated, "")
		for _, sp := range splits(h) {
			v, ok := spell(append(append([]unit{}, sp.surname...), sp.given...), d, false)
			if ok && (!found || max(v, sp.via) < best) {
				best, found = max(v, sp.via), true
			}
			if sv, ok := spell(sp.surname, rotated[0], false); ok && sv == ViaRomanization && len(rotated)-1 == len(sp.given) && (!found || ViaGivenUnchecked < best) {
				best, found = ViaGivenUnchecked, true
			}
		}
	}
	return outcome(best, found)
}

func outcome(v Via, found bool) Outcome {
	switch {
	case !found:
		return Outcome{}
	case v == ViaPinyin:
		return Outcome{Matches, v}
	}
	return Outcome{Review, v}
}

// sameSound compares two names in Chinese characters: the same length, and
// every character either the same or of the same standard reading, one at
// least different.
func sameSound(h []rune, document string) Outcome {
	d, ok := han(document)
	if !ok || len(d) != len(h) {
		return Outcome{}
	}
	same := true
	for i := range h {
		if h[i] == d[i] {
			continue
		}
		same = false
		a, b := readings(h[i]), readings(d[i])
		if len(a) == 0 || len(b) == 0 || a[0] != b[0] {
			return Outcome{}
		}
	}
	if same {
		// The same characters: package certificate/name decides (a caller's
		// own matcher may have refused them on purpose).
		return Outcome{}
	}
	return Outcome{Review, ViaSameSound}
}

// Romanize returns the standard Hanyu Pinyin of a name typed in Chinese
// characters as a passport writes it: the surname, then the given names
// joined, in upper case, ü as YU (张三丰: ZHANG, SANFENG; 吕女: LYU, NYU).
// ok is false when the name is not in Chinese characters or a character
// has no reading.
func Romanize(typed string) (surname, given string, ok bool) {
	h, ok := han(typed)
	if !ok || len(h) < 1 {
		return "", "", false
	}
	sp := splits(h)[0]
	first := func(us []unit) (string, bool) {
		var b strings.Builder
		for _, u := range us {
			if len(u) == 0 {
				return "", false
			}
			b.WriteString(u[0].s)
		}
		return b.String(), true
	}
	s, ok1 := first(sp.surname)
	g, ok2 := first(sp.given)
	return s, g, ok1 && ok2
}
