package rules

// ruleMessages holds the messages of the rule codes.
func ruleMessages() []Message {
	return nil
}
