package precaution_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/secure/precis"

	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

func TestNameWellFormed(t *testing.T) {
	tests := []struct {
		reason string
		name   string
		opts   precaution.NameOptions
		want   []string
	}{
		{"a Chinese name", "张三", precaution.NameOptions{}, nil},
		{"a minority name with the middle dot", "阿依古丽·买买提", precaution.NameOptions{}, nil},
		{"a Latin name with diacritics and an apostrophe", "Zoë O'Brien-Müller", precaution.NameOptions{}, nil},
		{"a Russian name is one script", "Анна Каренина", precaution.NameOptions{}, nil},
		{"Japanese mixes Han and kana, which do not look like Latin", "山田 はなこ", precaution.NameOptions{}, nil},
		{"Han and Latin are not confusable", "李 Lee", precaution.NameOptions{}, nil},
		{"empty", "", precaution.NameOptions{}, []string{"name.empty"}},
		{"only spaces, including the ideographic space", " \u3000 ", precaution.NameOptions{}, []string{"name.empty"}},
		{"65 runes is over the default 64", strings.Repeat("张", 65), precaution.NameOptions{}, []string{"name.too_long"}},
		{"64 runes is at the limit", strings.Repeat("张", 64), precaution.NameOptions{}, nil},
		{"a configured limit", "Anna Maria", precaution.NameOptions{MaxRunes: 5}, []string{"name.too_long"}},
		{"over the byte limit stops at once", strings.Repeat("a", 257), precaution.NameOptions{}, []string{"name.too_long"}},
		{"invalid UTF-8", "Ann\xffa", precaution.NameOptions{}, []string{"name.invalid_utf8"}},
		{"a tab", "Anna\tMaria", precaution.NameOptions{}, []string{"name.control_character"}},
		{"a newline", "张\n三", precaution.NameOptions{}, []string{"name.control_character"}},
		{"a C1 control", "张\u0085三", precaution.NameOptions{}, []string{"name.control_character"}},
		{"DEL", "Anna\x7f", precaution.NameOptions{}, []string{"name.control_character"}},
		{"a right-to-left override hides the order", "Anna\u202eairaM", precaution.NameOptions{}, []string{"name.bidi_control"}},
		{"a left-to-right mark", "\u200eAnna", precaution.NameOptions{}, []string{"name.bidi_control"}},
		{"an isolate", "Anna\u2067x\u2069", precaution.NameOptions{}, []string{"name.bidi_control"}},
		{"a zero-width space", "张\u200b三", precaution.NameOptions{}, []string{"name.invisible_character"}},
		{"a zero-width joiner", "An\u200dna", precaution.NameOptions{}, []string{"name.invisible_character"}},
		{"a byte-order mark", "\ufeff张三", precaution.NameOptions{}, []string{"name.invisible_character"}},
		{"a soft hyphen is an invisible format character", "An\u00adna", precaution.NameOptions{}, []string{"name.invisible_character"}},
		{"the Hangul filler", "김\u3164", precaution.NameOptions{}, []string{"name.invisible_character"}},
		{"several problems are all reported", "A\t\u202e\u200bB", precaution.NameOptions{}, []string{"name.control_character", "name.bidi_control", "name.invisible_character"}},
		{"a private-use character", "张\ue000三", precaution.NameOptions{}, []string{"name.disallowed_character"}},
		{"an unassigned code point", "张\U000e0fff三", precaution.NameOptions{}, []string{"name.disallowed_character"}},
		{"Cyrillic а inside a Latin name looks like Latin a", "Аnna", precaution.NameOptions{}, []string{"name.mixed_script"}},
		{"Greek ο inside a Latin name", "Jοhn", precaution.NameOptions{}, []string{"name.mixed_script"}},
		{"mixed scripts allowed by option", "Аnna", precaution.NameOptions{AllowMixedScripts: true}, nil},
		{"the Arabic tatweel stretches letters (RFC 5892 exception)", "محـــمد", precaution.NameOptions{}, []string{"name.disallowed_character"}},
		{"a line separator", "Anna Maria", precaution.NameOptions{}, []string{"name.disallowed_character"}},
		{"a Khmer inherent vowel is invisible", "A឴B", precaution.NameOptions{}, []string{"name.invisible_character"}},
		{"only replacement characters", "\ufffd\ufffd", precaution.NameOptions{}, []string{"name.disallowed_character", "name.no_letter"}},
		{"a replacement character inside a name: the text was damaged", "张\ufffd三", precaution.NameOptions{}, []string{"name.disallowed_character"}},
		{"only combining marks", "\u0301\u0308\u0327", precaution.NameOptions{}, []string{"name.no_letter"}},
		{"only emoji", "😀🎉", precaution.NameOptions{}, []string{"name.no_letter"}},
		{"only symbols and punctuation", "★·-'", precaution.NameOptions{}, []string{"name.no_letter"}},
		{"only digits", "12345", precaution.NameOptions{}, []string{"name.no_letter"}},
		{"only CJK punctuation", "「」。", precaution.NameOptions{}, []string{"name.no_letter"}},
		{"a Hindi name with combining vowel signs has letters", "अनिता", precaution.NameOptions{}, nil},
		{"a decomposed Latin name has letters", "Zoe\u0308", precaution.NameOptions{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, precaution.NameWellFormed(tt.opts), tt.name)
			if tt.want == nil {
				tt.want = []string{}
			}
			assert.Equal(t, tt.want, codes(vs))
			for _, v := range vs {
				wantSev := rules.Reject
				if v.Code == "name.mixed_script" {
					wantSev = rules.Review
				}
				assert.Equal(t, wantSev, v.Severity, v.Code)
			}
		})
	}
}

func TestNameMixedScriptParams(t *testing.T) {
	vs := precaution.NameViolations("Аnna")
	if assert.Len(t, vs, 1) {
		assert.Equal(t, "Latin+Cyrillic", vs[0].Param("scripts"))
	}
}

// FuzzNameWellFormed checks that the name rule never panics and that what it
// accepts really is free of what it promises to refuse.
func FuzzNameWellFormed(f *testing.F) {
	for _, seed := range []string{
		"张三",                       // plain Chinese name
		"阿依古丽·买买提",                 // middle dot
		"Zoë O'Brien-Müller",       // diacritics, apostrophe, hyphen
		"Аnna",                     // Cyrillic look-alike
		"Anna\u202eairaM",          // bidi override
		"张\u200b三",                 // zero width space
		"\xff\xfe",                 // invalid UTF-8
		strings.Repeat("张", 65),    // too long
		"\t\n",                     // controls only
		"",                         // empty
		"김\u3164",                  // Hangul filler
		"\U000e0001tag characters", // language tag (Cf)
	} {
		f.Add(seed)
	}
	r := precaution.NameWellFormed(precaution.NameOptions{})
	f.Fuzz(func(t *testing.T, s string) {
		vs := check(t, r, s)
		if (rules.Result{Violations: vs}).Verdict() == rules.Rejected {
			return
		}
		if !utf8.ValidString(s) || len(s) > precaution.DefaultNameMaxBytes || utf8.RuneCountInString(s) > precaution.DefaultNameMaxRunes {
			t.Fatalf("accepted %q: invalid UTF-8 or too long", s)
		}
		if strings.TrimFunc(s, unicode.IsSpace) == "" {
			t.Fatalf("accepted blank %q", s)
		}
		for _, c := range s {
			if unicode.IsControl(c) || unicode.Is(unicode.Cf, c) || c == 0x200B {
				t.Fatalf("accepted %q with %U", s, c)
			}
		}
	})
}

// TestNameAgreesWithPRECIS compares the character checks with the
// FreeformClass of PRECIS (RFC 8264) as golang.org/x/text/secure/precis
// implements it, on every code point of planes 0–3 placed inside a name:
// the rule never refuses what PRECIS allows, and allows what PRECIS refuses
// only for the documented exceptions; it refuses U+FFFD, which PRECIS allows.
func TestNameAgreesWithPRECIS(t *testing.T) {
	freeform := precis.NewFreeform()
	allowedExceptions := func(c rune) bool {
		switch c {
		case 0x00B7, 0x0387, 0x30FB: // middle dots of names (CONTEXTO)
			return true
		case 0x0375, 0x05F3, 0x05F4: // Greek keraia, Hebrew geresh and gershayim (CONTEXTO)
			return true
		}
		return (c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF) // conjoining jamo
	}
	var refusedMore, allowedMore []string
	for c := rune(0x80); c <= 0x3FFFF; c++ {
		if c >= 0xD800 && c <= 0xDFFF {
			continue
		}
		s := "A" + string(c) + "B"
		mine := (rules.Result{Violations: precaution.NameViolations(s)}).Verdict() == rules.Rejected
		_, err := freeform.String(s)
		switch {
		case mine && err == nil && c != 0xFFFD: // U+FFFD marks damaged text: refused on purpose
			refusedMore = append(refusedMore, fmt.Sprintf("%U", c))
		case !mine && err != nil && !allowedExceptions(c):
			allowedMore = append(allowedMore, fmt.Sprintf("%U", c))
		}
	}
	assert.Empty(t, refusedMore, "refused although PRECIS allows")
	assert.Empty(t, allowedMore, "allowed although PRECIS refuses")
}
