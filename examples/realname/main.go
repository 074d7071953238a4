// Command realname runs the library from the command line.
//
//	realname number -kind KIND [-region RR]      validate numbers read from stdin
//	realname mrz                                 parse machine-readable zones from stdin
//	realname file [-role certificate|handheld] PATH...
//	realname bind|release -db PATH|postgres://… -kind KIND [-region RR] -number N -account A
//	realname verify APPLICATION.json
//
// Each subcommand writes JSON lines to standard output.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage: realname <command> [flags]

commands:
  number   validate certificate numbers, one per line on stdin
  mrz      parse machine-readable zones on stdin, documents separated by blank lines
  file     inspect evidence files
  bind     reserve a binding slot for an account
  release  free an account's binding slot
  verify   verify an application described in a JSON file
`

// run dispatches to a subcommand and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "number":
		return cmdNumber(rest, stdin, stdout, stderr)
	case "mrz":
		return cmdMRZ(rest, stdin, stdout, stderr)
	case "file":
		return cmdFile(rest, stdin, stdout, stderr)
	case "bind":
		return cmdBind(rest, stdin, stdout, stderr, false)
	case "release":
		return cmdBind(rest, stdin, stdout, stderr, true)
	case "verify":
		return cmdVerify(rest, stdin, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "realname: unknown command %q\n%s", cmd, usage)
	return 2
}
