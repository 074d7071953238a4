package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Languages returns the built-in languages: English, Simplified Chinese and
// Traditional Chinese, in that order. The first is the fallback.
func Languages() []language.Tag {
	return []language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese}
}

// MatchLanguage returns the built-in language that best serves an
// Accept-Language header value (RFC 9110 §12.5.4), using a
// [language.Matcher]: zh, zh-CN and zh-SG give Simplified Chinese; zh-TW,
// zh-HK and zh-MO give Traditional Chinese; anything unmatched or malformed
// gives English.
func MatchLanguage(acceptLanguage string) language.Tag {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return language.English
	}
	return matchTag(tags...)
}

// languageMatcher is the matcher of [Languages], built once.
var languageMatcher = sync.OnceValue(func() language.Matcher { return language.NewMatcher(Languages()) })

// matchTag returns the index in [Languages] of the language for the first of
// tags (in order of preference) that one serves with high confidence, else
// of the best match with any confidence, else of English. Taking the first
// good match, rather than the matcher's best over all tags, keeps
// "zh-HK,zh;q=0.9" in Traditional Chinese.
func matchIndex(tags ...language.Tag) int {
	m := languageMatcher()
	for _, t := range tags {
		if _, i, conf := m.Match(t); conf >= language.High {
			return i
		}
	}
	if _, i, conf := m.Match(tags...); conf != language.No {
		return i
	}
	return 0
}

func matchTag(tags ...language.Tag) language.Tag { return Languages()[matchIndex(tags...)] }

// Messages returns every built-in message, sorted by code: the catalog the
// [Localizer] serves and the README's table of codes.
func Messages() []Message {
	all := builtinMessages()
	slices.SortStableFunc(all, func(a, b Message) int { return cmp.Compare(a.Code, b.Code) })
	return all
}

// Localizer renders violations as messages in the built-in languages, from a
// golang.org/x/text/message catalog keyed by violation code. It is immutable
// and safe for concurrent use; build one at start-up and share it (building
// compiles every message).
type Localizer struct {
	params   map[string][]string // code → parameter names in argument order
	printers [3]*message.Printer // one per language of Languages
	regions  [3]display.Namer
	tags     [3]language.Tag
}

// NewLocalizer returns a Localizer of the built-in messages, with extra
// messages added (an extra message replaces a built-in one of the same
// code). A message with an empty code or text, or whose languages use
// different placeholders, or two built-in messages of one code, is a
// [*ConfigError].
func NewLocalizer(extra ...Message) (*Localizer, error) {
	builtin := builtinMessages()
	seen := make(map[string]bool, len(builtin))
	for _, m := range builtin {
		if seen[m.Code] {
			return nil, &ConfigError{Rule: "messages", Reason: "two messages for code " + m.Code}
		}
		seen[m.Code] = true
	}
	all := append(builtin, extra...)
	cat := catalog.NewBuilder(catalog.Fallback(language.English))
	l := &Localizer{params: make(map[string][]string, len(all))}
	tags := Languages()
	for i, t := range tags {
		l.tags[i] = t
		l.printers[i] = message.NewPrinter(t, message.Catalog(cat))
		l.regions[i] = display.Regions(t)
	}
	for _, m := range all {
		if m.Code == "" {
			return nil, &ConfigError{Rule: "messages", Reason: "message without a code"}
		}
		names, err := messagePlaceholders(m)
		if err != nil {
			return nil, &ConfigError{Rule: "messages", Reason: m.Code + ": " + err.Error()}
		}
		l.params[m.Code] = names
		for i, text := range []string{m.English, m.SimplifiedChinese, m.TraditionalChinese} {
			if err := cat.SetString(tags[i], m.Code, toFormat(text, names)); err != nil {
				return nil, &ConfigError{Rule: "messages", Reason: m.Code + ": " + err.Error()}
			}
		}
	}
	return l, nil
}

// Has reports whether the localizer has a message for code.
func (l *Localizer) Has(code string) bool {
	_, ok := l.params[code]
	return ok
}

// Message returns v's message in the built-in language closest to tag.
// Parameters whose name ends in "region" are shown as region names in that
// language, and those ending in "kind" as names of certificate kinds. A code
// without a message gives the code itself.
func (l *Localizer) Message(tag language.Tag, v Violation) string {
	names, ok := l.params[v.Code]
	if !ok {
		return v.Code
	}
	lang := matchIndex(tag)
	args := make([]any, len(names))
	for i, n := range names {
		val := v.Param(n)
		if strings.HasSuffix(n, "region") && val != "" {
			val = regionName(l.regions[lang], val)
		} else if strings.HasSuffix(n, "kind") {
			val = kindName(l.tags[lang], val)
		}
		args[i] = val
	}
	return l.printers[lang].Sprintf(v.Code, args...)
}

// regionName names an ISO 3166-1 region ("HK") in the namer's language, and
// keeps an ISO 3166-2 subdivision code after the country's name
// ("United States (US-CA)"). Unknown codes are returned as they are.
func regionName(n display.Namer, code string) string {
	country, sub, hasSub := strings.Cut(code, "-")
	r, err := language.ParseRegion(country)
	if err != nil {
		return code
	}
	name := n.Name(r)
	if name == "" {
		return code
	}
	if hasSub && sub != "" {
		return name + " (" + code + ")"
	}
	return name
}

// messagePlaceholders returns the placeholder names of m in order of first
// use in the English text, and an error when a text is empty or the
// languages use different placeholders.
func messagePlaceholders(m Message) ([]string, error) {
	texts := []string{m.English, m.SimplifiedChinese, m.TraditionalChinese}
	var names []string
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			return nil, fmt.Errorf("empty text in language %s", Languages()[i])
		}
		got := placeholders(t)
		if i == 0 {
			names = got
			continue
		}
		if !sameSet(names, got) {
			return nil, fmt.Errorf("language %s has placeholders %v, English has %v", Languages()[i], got, names)
		}
	}
	return names, nil
}

// placeholders returns the distinct {name} placeholders of text in order.
func placeholders(text string) []string {
	var out []string
	for rest := text; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return out
		}
		name := rest[i+1 : i+j]
		if isParamName(name) && !slices.Contains(out, name) {
			out = append(out, name)
		}
		rest = rest[i+j+1:]
	}
}

func isParamName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// toFormat turns "{limit}" placeholders into positional verbs ("%[1]s")
// following names, and escapes '%'.
func toFormat(text string, names []string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '%':
			b.WriteString("%%")
			continue
		case '{':
			if j := strings.IndexByte(text[i:], '}'); j > 0 {
				if k := slices.Index(names, text[i+1:i+j]); k >= 0 {
					fmt.Fprintf(&b, "%%[%d]s", k+1)
					i += j
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// kindName names a certificate kind ("id_card") in the language of tag, one
// of [Languages]; other values are returned as they are.
func kindName(tag language.Tag, kind string) string {
	lang := 0
	switch tag {
	case language.SimplifiedChinese:
		lang = 1
	case language.TraditionalChinese:
		lang = 2
	}
	for _, k := range kindNames() {
		if k[0] == kind {
			return k[1+lang]
		}
	}
	return kind
}

// kindNames lists each kind's identifier and its names in [Languages].
func kindNames() [7][4]string {
	return [7][4]string{
		{"passport", "passport", "护照", "護照"},
		{"id_card", "identity card", "身份证", "身分證"},
		{"hkmo_travel_permit", "Mainland Travel Permit for Hong Kong and Macao Residents", "港澳居民来往内地通行证", "港澳居民來往內地通行證"},
		{"tw_travel_permit", "Mainland Travel Permit for Taiwan Residents", "台湾居民来往大陆通行证", "臺灣居民來往大陸通行證"},
		{"hkmo_residence_permit", "Residence Permit for Hong Kong and Macao Residents", "港澳居民居住证", "港澳居民居住證"},
		{"tw_residence_permit", "Residence Permit for Taiwan Residents", "台湾居民居住证", "臺灣居民居住證"},
		{"driver_license", "driving licence", "驾驶证", "駕駛執照"},
	}
}
