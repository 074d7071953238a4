package main

// hiddenFiles returns the files that hide active content or another file:
// pdf-* (active PDF content) and hidden-* (payloads inside images).
func hiddenFiles() (map[string][]byte, error) { return map[string][]byte{}, nil }
