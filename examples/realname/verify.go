package main

import (
	"fmt"
	"io"
)

// cmdVerify is being built; see the issue tracker.
func cmdVerify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "realname verify: not built yet")
	return 2
}
