package rules

// fileMessages holds the messages of the file codes.
func fileMessages() []Message {
	return nil
}
