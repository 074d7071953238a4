package evidence

import "github.com/realname-go/realname/rules"

// hiddenCodes are the codes of codes_hidden.go with their severities.
func hiddenCodes() map[rules.Code]rules.Severity {
	m := map[rules.Code]rules.Severity{}
	for _, msg := range hiddenMessages() {
		m[msg.Code] = msg.Severity
	}
	return m
}
