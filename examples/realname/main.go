// Command realname runs the library from the command line.
//
//	realname number -kind KIND [-region RR]      validate numbers read from stdin
//	realname mrz                                 parse machine-readable zones from stdin
//	realname file [-role certificate|handheld] PATH...
//	realname read [-today YYYY-MM-DD] IMAGE...
//	realname bind|release -db PATH|postgres://… -kind KIND [-region RR] -number N -account A
//	realname verify [-db PATH|postgres://…] APPLICATION.json
//	realname review list|show|claim|approve|reject|withdraw|retry|stats|expire -db PATH|postgres://… [-now TIME] …
//
// Each subcommand writes JSON lines to standard output; the exit statuses
// are listed in the usage text.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// SIGINT or SIGTERM cancels the command's context, so that it stops
	// reading and removes its temporary store before exiting; a second
	// signal ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() { <-ctx.Done(); stop() }()
	code := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `usage: realname <command> [flags]

commands:
  number   validate certificate numbers, one per line on stdin
  mrz      parse machine-readable zones on stdin, documents separated by blank lines
  file     inspect evidence files
  read     read the machine-readable zone of images
  bind     reserve a binding slot for an account
  release  free an account's binding slot
  verify   verify an application described in a JSON file, storing its review case
  review   list, claim and decide the review cases of a -db store (realname review -h)

exit status:
  0  done, whatever the verdict or the numbers' validity
  1  the command could not complete: a file, the store or the secret
     (` + envBindingKey + `, or the key file PATH.key of a local
     database PATH) is missing or failed
  2  usage error, including an unknown reason code or checklist item
  3  bind: the certificate reached its account limit; review approve: the
     case's slot lapsed and other accounts took the certificate
  4  verify, review retry: the account already has a pending case, which is
     printed instead ("code": "review.open_case")
  5  review: no case has the ID; review claim: no pending case is free
  6  review: the case's state does not allow the move, another reviewer
     holds it, its binding slot is missing, or it is another account's
`

// run dispatches to a subcommand and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// runContext is run under ctx: the commands that read files (file, verify)
// stop when it ends.
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
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
		return cmdFile(ctx, rest, stdin, stdout, stderr)
	case "read":
		return cmdRead(ctx, rest, stdin, stdout, stderr)
	case "bind":
		return cmdBind(rest, stdin, stdout, stderr, false)
	case "release":
		return cmdBind(rest, stdin, stdout, stderr, true)
	case "verify":
		return cmdVerify(ctx, rest, stdin, stdout, stderr)
	case "review":
		return cmdReview(rest, stdin, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "realname: unknown command %q\n%s", cmd, usage)
	return 2
}
