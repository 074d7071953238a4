package main

import (
	"fmt"
	"io"
)

// cmdMRZ is being built; see the issue tracker.
func cmdMRZ(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "realname mrz: not built yet")
	return 2
}
