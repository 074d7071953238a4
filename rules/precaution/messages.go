package precaution

import "github.com/realname-go/realname/rules"

// Messages returns the messages of every code the checks of this package
// report: their own codes and those of the certificate packages whose
// numbers and zones they judge, in English, Simplified Chinese and
// Traditional Chinese.
func Messages() []rules.Message {
	var all []rules.Message
	for _, part := range [][]rules.Message{
		ruleMessages(),
		numberMessages(),
		mrzMessages(),
		nationalIDMessages(),
		zoneMessages(),
	} {
		all = append(all, part...)
	}
	return all
}
