package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
)

// maxNumberLine is the longest input line cmdNumber reads; longer lines are
// reported as length errors, showing only their first maxNumberLine bytes.
const maxNumberLine = 1024

// codeUnsupportedScheme is the code of a line whose kind and region have no
// scheme in the registry.
const codeUnsupportedScheme = "number.unsupported_scheme"

// numberResult is one output line of cmdNumber.
type numberResult struct {
	Input     string   `json:"input"`
	Valid     bool     `json:"valid"`
	Canonical string   `json:"canonical,omitempty"`
	Reason    string   `json:"reason,omitempty"`
	Code      string   `json:"code,omitempty"`
	Review    []string `json:"review"`
}

// regionRequired lists the kinds whose scheme depends on the issuing region.
func regionRequired(k certificate.Kind) bool {
	return k == certificate.IDCard || k == certificate.DriverLicense || k == certificate.Passport
}

// cmdNumber validates one number per line of stdin and writes one JSON object
// per line to stdout, in input order. It exits 0 even when numbers are
// invalid, and 2 on a usage error.
func cmdNumber(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("number", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kindFlag := fs.String("kind", "", "certificate kind: passport, id_card, hkmo_travel_permit, tw_travel_permit, hkmo_residence_permit, tw_residence_permit, driver_license")
	region := fs.String("region", "", "issuing region (ISO 3166-1 alpha-2 or ISO 3166-2); required for id_card, driver_license and passport")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: realname number -kind KIND [-region RR] < numbers.txt")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "realname number: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	kind, err := certificate.ParseKind(*kindFlag)
	if err != nil {
		fmt.Fprintf(stderr, "realname number: %v\n", err)
		fs.Usage()
		return 2
	}
	if *region == "" && regionRequired(kind) {
		fmt.Fprintf(stderr, "realname number: -region is required for %s\n", kind)
		fs.Usage()
		return 2
	}

	reg := schemes.Default()
	scheme, ok := findScheme(reg, kind, strings.ToUpper(*region))

	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	in := bufio.NewReaderSize(stdin, maxNumberLine+1)
	for {
		line, tooLong, rerr := readLine(in)
		if line != nil {
			if err := enc.Encode(check(scheme, ok, line, tooLong)); err != nil {
				fmt.Fprintf(stderr, "realname number: writing output: %v\n", err)
				return 1
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			out.Flush()
			fmt.Fprintf(stderr, "realname number: reading input: %v\n", rerr)
			return 1
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "realname number: writing output: %v\n", err)
		return 1
	}
	return 0
}

// check validates one input line with scheme (ok false: no scheme).
func check(scheme certificate.Scheme, ok bool, line []byte, tooLong bool) numberResult {
	r := numberResult{Input: string(line), Review: []string{}}
	switch {
	case tooLong:
		r.Reason, r.Code = certificate.ReasonName(certificate.ErrLength), certificate.CodeLength
	case !ok:
		r.Code = codeUnsupportedScheme
	default:
		p, err := scheme.Parse(r.Input)
		if err != nil {
			r.Reason, r.Code = certificate.ReasonName(err), certificate.ReasonCode(err)
			var ne *certificate.NumberError
			if errors.As(err, &ne) && ne.Code != "" {
				r.Code = ne.Code
			}
			return r
		}
		r.Valid, r.Canonical = true, p.Number.Canonical()
		r.Review = append(r.Review, p.Review...)
	}
	return r
}

// findScheme returns the scheme for kind in region, or, with no region, the
// first scheme registered for kind.
func findScheme(reg certificate.Registry, kind certificate.Kind, region string) (certificate.Scheme, bool) {
	if region != "" {
		return reg.Lookup(kind, region)
	}
	for _, s := range reg.Schemes() {
		if s.Kind() == kind {
			return s, true
		}
	}
	return nil, false
}

// readLine returns the next line without its line ending. A line longer than
// maxNumberLine is cut to that length, the rest is discarded, and tooLong is
// set. At the end of input it returns io.EOF, with the last line if it had no
// newline.
func readLine(r *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		if len(line) <= maxNumberLine {
			line = append(line, chunk[:min(len(chunk), maxNumberLine+1-len(line))]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil && len(line) == 0:
			return nil, false, err
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > maxNumberLine {
			return line[:maxNumberLine], true, err
		}
		return line, false, err
	}
}
