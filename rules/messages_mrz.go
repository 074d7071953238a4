package rules

// mrzMessages holds the messages of the mrz codes.
func mrzMessages() []Message {
	return nil
}
