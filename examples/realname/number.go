package main

import (
	"fmt"
	"io"
)

// cmdNumber is being built; see the issue tracker.
func cmdNumber(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "realname number: not built yet")
	return 2
}
