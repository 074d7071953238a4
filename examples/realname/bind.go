package main

import (
	"fmt"
	"io"
)

// cmdBind is being built; see the issue tracker.
func cmdBind(args []string, stdin io.Reader, stdout, stderr io.Writer, release bool) int {
	fmt.Fprintln(stderr, "realname bind: not built yet")
	return 2
}
