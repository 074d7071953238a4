package main

import (
	"fmt"
	"io"
)

// cmdFile is being built; see the issue tracker.
func cmdFile(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "realname file: not built yet")
	return 2
}
