package precaution

import (
	"context"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/realname-go/realname/rules"
)

// Default name limits. No certificate we accept prints a longer name: the
// PRC card holds 15 characters and the MRZ of a passport 39; 64 leaves room
// for full Latin names with spaces and diacritics, and 256 bytes bounds the
// work on hostile input (64 runes of 4 bytes each).
const (
	DefaultNameMaxRunes = 64
	DefaultNameMaxBytes = 256
)

// NameOptions configures [NameWellFormed]. The zero value is valid.
type NameOptions struct {
	// MaxRunes is the longest name in characters; 0 means
	// [DefaultNameMaxRunes].
	MaxRunes int
	// MaxBytes is the longest name in bytes of UTF-8; 0 means
	// [DefaultNameMaxBytes].
	MaxBytes int
	// AllowMixedScripts turns off the look-alike review.
	AllowMixedScripts bool
}

type nameRule struct {
	maxRunes, maxBytes int
	mixed              bool
}

// NameWellFormed returns a rule that refuses a typed name that is empty (or
// only spaces), too long, not UTF-8, or holds a control character
// ([CodeNameControl]), a bidirectional formatting character
// ([CodeNameBidi]), a zero-width or other invisible format character
// ([CodeNameInvisible]) or another character that is not graphic
// ([CodeNameDisallowed]: unassigned, private use, non-characters, line and
// paragraph separators, the exceptions of RFC 5892 such as the Arabic
// tatweel, and U+FFFD, which stands where text was damaged), or that holds
// no letter of any script ([CodeNameNoLetter]: only combining marks,
// symbols, emoji, digits or punctuation). This refuses what the FreeformClass of PRECIS (RFC 8264,
// golang.org/x/text/secure/precis) refuses, at a fraction of its cost,
// except that the middle dots of names (·, ・) and the other contextual
// characters are allowed anywhere, and lone conjoining Hangul jamo are
// allowed so that names typed in decomposed form are not refused. Letters of two or more of the Latin, Greek,
// Cyrillic, Armenian and Cherokee scripts, whose letters look alike, ask for
// review ([CodeNameMixedScript]).
//
// Apply it to a name with [rules.Field]; the violations carry no field of their
// own.
func NameWellFormed(opts NameOptions) rules.Rule[string] {
	r := nameRule{maxRunes: opts.MaxRunes, maxBytes: opts.MaxBytes, mixed: !opts.AllowMixedScripts}
	if r.maxRunes <= 0 {
		r.maxRunes = DefaultNameMaxRunes
	}
	if r.maxBytes <= 0 {
		r.maxBytes = DefaultNameMaxBytes
	}
	return r
}

// NameViolations reports the problems of a name as [NameWellFormed] with the zero
// options does.
func NameViolations(name string) []rules.Violation {
	return NameWellFormed(NameOptions{}).(nameRule).check(name)
}

func (r nameRule) Check(ctx context.Context, name string) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "name"); err != nil {
		return nil, err
	}
	return r.check(name), nil
}

// CodeNameNoLetter: the name holds no letter of any script, only marks,
// symbols, emoji, digits or punctuation (reject).
const CodeNameNoLetter rules.Code = "name.no_letter"

// Bit flags for the findings of one pass over a name.
const (
	foundControl = 1 << iota
	foundBidi
	foundInvisible
	foundDisallowed
)

// Scripts whose letters are confused with each other.
const (
	scriptLatin = 1 << iota
	scriptGreek
	scriptCyrillic
	scriptArmenian
	scriptCherokee
)

var confusableScripts = [...]struct {
	bit   int
	name  string
	table *unicode.RangeTable
}{
	{scriptLatin, "Latin", unicode.Latin},
	{scriptGreek, "Greek", unicode.Greek},
	{scriptCyrillic, "Cyrillic", unicode.Cyrillic},
	{scriptArmenian, "Armenian", unicode.Armenian},
	{scriptCherokee, "Cherokee", unicode.Cherokee},
}

func (r nameRule) check(name string) []rules.Violation {
	if len(name) > r.maxBytes {
		return []rules.Violation{rules.Violate(CodeNameTooLong, rules.Reject, true, "limit", strconv.Itoa(r.maxRunes))}
	}
	if !utf8.ValidString(name) {
		return []rules.Violation{rules.Violate(CodeNameInvalidUTF8, rules.Reject, true)}
	}
	if strings.TrimFunc(name, unicode.IsSpace) == "" {
		return []rules.Violation{rules.Violate(CodeNameEmpty, rules.Reject, true)}
	}
	var found, scripts, runes, letters int
	for _, c := range name {
		runes++
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				found |= foundControl
			} else if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
				scripts |= scriptLatin
				letters++
			}
			continue
		}
		if unicode.IsLetter(c) {
			letters++
		}
		switch {
		case isBidiControl(c):
			found |= foundBidi
		case isInvisible(c):
			found |= foundInvisible
		case unicode.IsControl(c):
			found |= foundControl
		case !unicode.IsGraphic(c) || isIDNAException(c) || c == utf8.RuneError:
			found |= foundDisallowed
		case notConfusable(c):
		case unicode.IsLetter(c):
			for _, s := range confusableScripts {
				if unicode.Is(s.table, c) {
					scripts |= s.bit
					break
				}
			}
		}
	}
	var out []rules.Violation
	if runes > r.maxRunes {
		out = append(out, rules.Violate(CodeNameTooLong, rules.Reject, true, "limit", strconv.Itoa(r.maxRunes)))
	}
	if found&foundControl != 0 {
		out = append(out, rules.Violate(CodeNameControl, rules.Reject, true))
	}
	if found&foundBidi != 0 {
		out = append(out, rules.Violate(CodeNameBidi, rules.Reject, true))
	}
	if found&foundInvisible != 0 {
		out = append(out, rules.Violate(CodeNameInvisible, rules.Reject, true))
	}
	if found&foundDisallowed != 0 {
		out = append(out, rules.Violate(CodeNameDisallowed, rules.Reject, true))
	}
	if letters == 0 {
		out = append(out, rules.Violate(CodeNameNoLetter, rules.Reject, true))
	}
	if r.mixed && scripts&(scripts-1) != 0 {
		var names []string
		for _, s := range confusableScripts {
			if scripts&s.bit != 0 {
				names = append(names, s.name)
			}
		}
		out = append(out, rules.Violate(CodeNameMixedScript, rules.Review, false, "scripts", strings.Join(names, "+")))
	}
	return out
}

// isIDNAException reports the graphic characters RFC 5892 §2.6 makes
// DISALLOWED and PRECIS (RFC 8264) inherits: the Arabic tatweel, the NKo
// lajanyalan, the Hangul tone marks and the vertical kana repeat marks. They
// stretch or decorate text and let two names look alike.
func isIDNAException(c rune) bool {
	return c == 0x0640 || c == 0x07FA || c == 0x302E || c == 0x302F || (c >= 0x3031 && c <= 0x3035) || c == 0x303B
}

// notConfusable reports runes of the CJK blocks, kana and Hangul syllables,
// which belong to no script of confusableScripts; it saves the table
// look-ups for Chinese, Japanese and Korean names.
func notConfusable(c rune) bool {
	return (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x20000 && c <= 0x3FFFF)
}

// isBidiControl reports the explicit bidirectional formatting characters
// (Unicode UAX #9 §2): ALM, LRM, RLM, the embeddings and overrides LRE…RLO
// and the isolates LRI…PDI.
func isBidiControl(c rune) bool {
	return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
}

// isInvisible reports zero-width and other invisible characters: the zero
// width space, joiners and word joiner, the BOM, the Mongolian vowel
// separator, the Hangul fillers, and every other format (Cf) character.
func isInvisible(c rune) bool {
	switch c {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F, 0x17B4, 0x17B5:
		return true
	}
	return unicode.Is(unicode.Cf, c) || unicode.Is(unicode.Variation_Selector, c)
}
