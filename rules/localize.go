package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Localizer renders violations as messages, from a golang.org/x/text/message
// catalog keyed by violation code, in every language its messages have. It
// is immutable and safe for concurrent use; build one at start-up and share
// it (building compiles every message).
type Localizer struct {
	params   map[Code][]string // code → parameter names in argument order
	tags     []language.Tag    // English first, then the others in order of first use
	matcher  language.Matcher
	printers []*message.Printer // one per tag
	regions  []display.Namer    // one per tag
}

// NewLocalizer returns a Localizer of msgs. A later message of a code
// replaces an earlier one, so callers override built-in texts by appending
// their own. A message without a code or an English text, or whose languages
// use different placeholders, is a [*ConfigError].
func NewLocalizer(msgs ...Message) (*Localizer, error) {
	byCode := make(map[Code]Message, len(msgs))
	var order []Code
	for _, m := range msgs {
		if m.Code == "" {
			return nil, &ConfigError{Rule: "messages", Reason: "message without a code"}
		}
		if _, ok := byCode[m.Code]; !ok {
			order = append(order, m.Code)
		}
		byCode[m.Code] = m
	}
	l := &Localizer{params: make(map[Code][]string, len(byCode)), tags: []language.Tag{language.English}}
	for _, c := range order {
		for _, t := range sortedTags(byCode[c].Text) {
			if !slices.Contains(l.tags, t) {
				l.tags = append(l.tags, t)
			}
		}
	}
	cat := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, c := range order {
		m := byCode[c]
		names, err := messagePlaceholders(m)
		if err != nil {
			return nil, &ConfigError{Rule: "messages", Reason: string(m.Code) + ": " + err.Error()}
		}
		l.params[m.Code] = names
		for _, tag := range l.tags {
			text, ok := m.Text[tag]
			if !ok {
				text = m.Text[language.English]
			}
			if err := cat.SetString(tag, string(m.Code), toFormat(text, names)); err != nil {
				return nil, &ConfigError{Rule: "messages", Reason: string(m.Code) + ": " + err.Error()}
			}
		}
	}
	l.matcher = language.NewMatcher(l.tags)
	for _, tag := range l.tags {
		l.printers = append(l.printers, message.NewPrinter(tag, message.Catalog(cat)))
		l.regions = append(l.regions, display.Regions(tag))
	}
	return l, nil
}

// sortedTags returns the languages of texts in a stable order.
func sortedTags(texts map[language.Tag]string) []language.Tag {
	out := make([]language.Tag, 0, len(texts))
	for t := range texts {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b language.Tag) int { return cmp.Compare(a.String(), b.String()) })
	return out
}

// Languages returns the languages of the localizer, English first.
func (l *Localizer) Languages() []language.Tag { return slices.Clone(l.tags) }

// Has reports whether the localizer has a message for code.
func (l *Localizer) Has(code Code) bool {
	_, ok := l.params[code]
	return ok
}

// Match returns the language of the localizer that best serves an
// Accept-Language header value (RFC 9110 §12.5.4), using a
// [language.Matcher]: with the built-in languages, zh, zh-CN and zh-SG give
// Simplified Chinese; zh-TW, zh-HK and zh-MO give Traditional Chinese;
// anything unmatched or malformed gives English.
func (l *Localizer) Match(acceptLanguage string) language.Tag {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return language.English
	}
	return l.tags[l.index(tags...)]
}

// index returns the index in l.tags of the language for the first of tags
// (in order of preference) that one serves with high confidence, else of
// the best match with any confidence, else of English. Taking the first good
// match, rather than the matcher's best over all tags, keeps
// "zh-HK,zh;q=0.9" in Traditional Chinese.
func (l *Localizer) index(tags ...language.Tag) int {
	for _, t := range tags {
		if _, i, conf := l.matcher.Match(t); conf >= language.High {
			return i
		}
	}
	if _, i, conf := l.matcher.Match(tags...); conf != language.No {
		return i
	}
	return 0
}

// Message returns v's message in the language of the localizer closest to
// tag. Parameters whose name ends in "region" are shown as region names in
// that language, those ending in "kind" as names of certificate kinds, and
// those ending in "role" as names of the uploads ("certificate", "handheld").
// A code without a message gives the code itself.
func (l *Localizer) Message(tag language.Tag, v Violation) string {
	names, ok := l.params[v.Code]
	if !ok {
		return string(v.Code)
	}
	lang := l.index(tag)
	args := make([]any, len(names))
	for i, n := range names {
		val := v.Param(n)
		if strings.HasSuffix(n, "region") && val != "" {
			val = regionName(l.regions[lang], val)
		} else if strings.HasSuffix(n, "kind") {
			val = kindName(l.tags[lang], val)
		} else if strings.HasSuffix(n, "role") {
			val = roleName(l.tags[lang], val)
		}
		args[i] = val
	}
	return l.printers[lang].Sprintf(string(v.Code), args...)
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
// use in the English text, and an error when English is missing, a text is
// empty, or the languages use different placeholders.
func messagePlaceholders(m Message) ([]string, error) {
	en, ok := m.Text[language.English]
	if !ok || strings.TrimSpace(en) == "" {
		return nil, fmt.Errorf("no English text")
	}
	names := placeholders(en)
	for _, tag := range sortedTags(m.Text) {
		text := m.Text[tag]
		if strings.TrimSpace(text) == "" {
			return nil, fmt.Errorf("empty text in language %s", tag)
		}
		if got := placeholders(text); !sameSet(names, got) {
			return nil, fmt.Errorf("language %s has placeholders %v, English has %v", tag, got, names)
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

// kindName names a certificate kind ("id_card") in the language of tag when
// it is one of the three built-in languages; other kinds and languages give
// the identifier as it is.
func kindName(tag language.Tag, kind string) string {
	lang := 0
	switch tag {
	case language.English:
	case language.SimplifiedChinese:
		lang = 1
	case language.TraditionalChinese:
		lang = 2
	default:
		return kind
	}
	for _, k := range kindNames() {
		if k[0] == kind {
			return k[1+lang]
		}
	}
	return kind
}

// kindNames lists each kind's identifier and its names in English,
// Simplified Chinese and Traditional Chinese.
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

// roleName names an upload's role ("handheld") in the language of tag when
// it is one of the three built-in languages, as [kindName] names kinds;
// other roles and languages give the identifier as it is.
func roleName(tag language.Tag, role string) string {
	lang := 0
	switch tag {
	case language.English:
	case language.SimplifiedChinese:
		lang = 1
	case language.TraditionalChinese:
		lang = 2
	default:
		return role
	}
	for _, r := range [...][4]string{
		{"certificate", "photo or scan of the certificate", "证件照片或扫描件", "證件照片或掃描檔"},
		{"handheld", "photo of you holding the certificate", "手持证件照", "手持證件照"},
	} {
		if r[0] == role {
			return r[1+lang]
		}
	}
	return role
}
