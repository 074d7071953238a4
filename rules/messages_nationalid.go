package rules

// nationalIDMessages holds the messages of the nationalID codes.
func nationalIDMessages() []Message {
	return nil
}
