package rules

import "golang.org/x/text/language"

// Message is the text of one violation code in any number of languages,
// with the severity the code has by default (for documentation). Texts may
// name violation parameters in braces, for example "at most {limit}
// accounts"; parameters whose name ends in "region" are shown as localized
// region names and those ending in "kind" as names of certificate kinds.
// Every language of a message must use the same placeholders.
type Message struct {
	Code     Code
	Severity Severity
	// Text maps a language to the message in it. English is required: it is
	// the fallback for every other language.
	Text map[language.Tag]string
}

// Translated returns a message with texts in the three languages every
// built-in code has: English, Simplified Chinese and Traditional Chinese.
// Add more with [Message.With].
func Translated(code Code, sev Severity, english, simplified, traditional string) Message {
	return Message{Code: code, Severity: sev, Text: map[language.Tag]string{
		language.English:            english,
		language.SimplifiedChinese:  simplified,
		language.TraditionalChinese: traditional,
	}}
}

// With returns a copy of m with its text in tag set to text.
func (m Message) With(tag language.Tag, text string) Message {
	t := make(map[language.Tag]string, len(m.Text)+1)
	for k, v := range m.Text {
		t[k] = v
	}
	t[tag] = text
	m.Text = t
	return m
}
