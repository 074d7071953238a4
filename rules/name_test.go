package rules_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/realname-go/realname/rules"
)

func TestNameWellFormed(t *testing.T) {
	tests := []struct {
		reason string
		name   string
		opts   rules.NameOptions
		want   []string
	}{
		{"a Chinese name", "张三", rules.NameOptions{}, nil},
		{"a minority name with the middle dot", "阿依古丽·买买提", rules.NameOptions{}, nil},
		{"a Latin name with diacritics and an apostrophe", "Zoë O'Brien-Müller", rules.NameOptions{}, nil},
		{"a Russian name is one script", "Анна Каренина", rules.NameOptions{}, nil},
		{"Japanese mixes Han and kana, which do not look like Latin", "山田 はなこ", rules.NameOptions{}, nil},
		{"Han and Latin are not confusable", "李 Lee", rules.NameOptions{}, nil},
		{"empty", "", rules.NameOptions{}, []string{"name.empty"}},
		{"only spaces, including the ideographic space", " \u3000 ", rules.NameOptions{}, []string{"name.empty"}},
		{"65 runes is over the default 64", strings.Repeat("张", 65), rules.NameOptions{}, []string{"name.too_long"}},
		{"64 runes is at the limit", strings.Repeat("张", 64), rules.NameOptions{}, nil},
		{"a configured limit", "Anna Maria", rules.NameOptions{MaxRunes: 5}, []string{"name.too_long"}},
		{"over the byte limit stops at once", strings.Repeat("a", 257), rules.NameOptions{}, []string{"name.too_long"}},
		{"invalid UTF-8", "Ann\xffa", rules.NameOptions{}, []string{"name.invalid_utf8"}},
		{"a tab", "Anna\tMaria", rules.NameOptions{}, []string{"name.control_character"}},
		{"a newline", "张\n三", rules.NameOptions{}, []string{"name.control_character"}},
		{"a C1 control", "张\u0085三", rules.NameOptions{}, []string{"name.control_character"}},
		{"DEL", "Anna\x7f", rules.NameOptions{}, []string{"name.control_character"}},
		{"a right-to-left override hides the order", "Anna\u202eairaM", rules.NameOptions{}, []string{"name.bidi_control"}},
		{"a left-to-right mark", "\u200eAnna", rules.NameOptions{}, []string{"name.bidi_control"}},
		{"an isolate", "Anna\u2067x\u2069", rules.NameOptions{}, []string{"name.bidi_control"}},
		{"a zero-width space", "张\u200b三", rules.NameOptions{}, []string{"name.invisible_character"}},
		{"a zero-width joiner", "An\u200dna", rules.NameOptions{}, []string{"name.invisible_character"}},
		{"a byte-order mark", "\ufeff张三", rules.NameOptions{}, []string{"name.invisible_character"}},
		{"a soft hyphen is an invisible format character", "An\u00adna", rules.NameOptions{}, []string{"name.invisible_character"}},
		{"the Hangul filler", "김\u3164", rules.NameOptions{}, []string{"name.invisible_character"}},
		{"several problems are all reported", "A\t\u202e\u200bB", rules.NameOptions{}, []string{"name.control_character", "name.bidi_control", "name.invisible_character"}},
		{"a private-use character", "张\ue000三", rules.NameOptions{}, []string{"name.disallowed_character"}},
		{"an unassigned code point", "张\U000e0fff三", rules.NameOptions{}, []string{"name.disallowed_character"}},
		{"Cyrillic а inside a Latin name looks like Latin a", "Аnna", rules.NameOptions{}, []string{"name.mixed_script"}},
		{"Greek ο inside a Latin name", "Jοhn", rules.NameOptions{}, []string{"name.mixed_script"}},
		{"mixed scripts allowed by option", "Аnna", rules.NameOptions{AllowMixedScripts: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, rules.NameWellFormed(tt.opts), tt.name)
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
	vs := rules.CheckName("Аnna")
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
	r := rules.NameWellFormed(rules.NameOptions{})
	f.Fuzz(func(t *testing.T, s string) {
		vs := check(t, r, s)
		if (rules.Result{Violations: vs}).Verdict() == rules.Rejected {
			return
		}
		if !utf8.ValidString(s) || len(s) > rules.DefaultNameMaxBytes || utf8.RuneCountInString(s) > rules.DefaultNameMaxRunes {
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
