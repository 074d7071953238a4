package rules

// numberMessages holds the messages of the number codes.
func numberMessages() []Message {
	return nil
}
