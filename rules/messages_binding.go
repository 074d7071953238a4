package rules

// bindingMessages holds the messages of the binding codes.
func bindingMessages() []Message {
	return nil
}
