package rules

// Message is the text of one violation code in the built-in languages, with
// the severity the code has by default (for documentation). Texts may name
// violation parameters in braces, for example "at most {limit} accounts";
// parameters whose name ends in "region" are shown as localized region names.
type Message struct {
	Code               string
	Severity           Severity
	English            string
	SimplifiedChinese  string
	TraditionalChinese string
}

// builtinMessages gathers the messages of every code the module emits. Each
// domain keeps its table in its own messages_*.go file.
func builtinMessages() []Message {
	var all []Message
	for _, part := range [][]Message{
		ruleMessages(),
		numberMessages(),
		mrzMessages(),
		nationalIDMessages(),
		fileMessages(),
		bindingMessages(),
		flowMessages(),
	} {
		all = append(all, part...)
	}
	return all
}
