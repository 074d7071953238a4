package rules

// flowMessages holds the messages of the flow codes.
func flowMessages() []Message {
	return nil
}
