package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
)

// maxMRZLine is the longest line cmdMRZ keeps; a document with a longer line
// is reported as too large without holding the line.
const maxMRZLine = 256

// Codes cmdMRZ adds to the codes of the mrz package.
const (
	codeNameTruncated = "mrz.name_truncated"
	codeBirthUnknown  = "mrz.birth_date_unknown"
)

// mrzResult is one output object of cmdMRZ.
type mrzResult struct {
	Valid          bool            `json:"valid"`
	Format         string          `json:"format"`
	DocumentCode   string          `json:"document_code"`
	IssuingState   string          `json:"issuing_state"`
	IssuingRegion  string          `json:"issuing_region"`
	Nationality    string          `json:"nationality"`
	DocumentNumber string          `json:"document_number"`
	BirthDate      string          `json:"birth_date"`
	ExpiryDate     string          `json:"expiry_date"`
	Sex            string          `json:"sex"`
	Surname        string          `json:"surname"`
	GivenNames     string          `json:"given_names"`
	Checks         map[string]bool `json:"checks"`
	Expired        bool            `json:"expired"`
	Codes          []string        `json:"codes"`
	Error          string          `json:"error,omitempty"`
}

// cmdMRZ reads machine-readable zones from stdin — the lines of one document
// together, documents separated by blank lines — and writes one JSON object
// per document. Invalid documents do not change the exit status; 2 means a
// usage error, 1 a read or write error.
func cmdMRZ(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mrz", flag.ContinueOnError)
	fs.SetOutput(stderr)
	todayFlag := fs.String("today", "", "reference date YYYY-MM-DD for two-digit years and expiry (default: today in UTC)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: realname mrz [-today YYYY-MM-DD] < zones.txt")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "realname mrz: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	today := certificate.Clock{}.Today()
	if *todayFlag != "" {
		d, err := certificate.ParseDate(*todayFlag)
		if err != nil {
			fmt.Fprintf(stderr, "realname mrz: -today: %v\n", err)
			return 2
		}
		today = d
	}

	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	in := bufio.NewReaderSize(stdin, maxMRZLine+1)
	var doc bytes.Buffer
	tooLarge := false
	flush := func() error {
		if doc.Len() == 0 && !tooLarge {
			return nil
		}
		r := describeMRZ(doc.String(), tooLarge, today)
		doc.Reset()
		tooLarge = false
		return enc.Encode(r)
	}
	for {
		line, long, rerr := readMRZLine(in)
		if line != nil || long {
			switch {
			case long:
				tooLarge = true
			case len(bytes.TrimSpace(line)) == 0:
				if err := flush(); err != nil {
					fmt.Fprintf(stderr, "realname mrz: writing output: %v\n", err)
					return 1
				}
			case doc.Len()+len(line)+1 > mrz.MaxInput:
				tooLarge = true
			default:
				doc.Write(line)
				doc.WriteByte('\n')
			}
		}
		if rerr != nil {
			if !errors.Is(rerr, io.EOF) {
				out.Flush()
				fmt.Fprintf(stderr, "realname mrz: reading input: %v\n", rerr)
				return 1
			}
			break
		}
	}
	if err := flush(); err != nil {
		fmt.Fprintf(stderr, "realname mrz: writing output: %v\n", err)
		return 1
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "realname mrz: writing output: %v\n", err)
		return 1
	}
	return 0
}

// describeMRZ parses one document and reports it.
func describeMRZ(text string, tooLarge bool, today certificate.Date) mrzResult {
	r := mrzResult{Checks: map[string]bool{}, Codes: []string{}}
	if tooLarge {
		r.Codes = append(r.Codes, mrz.CodeSize)
		r.Error = fmt.Sprintf("document larger than %d bytes or a line longer than %d", mrz.MaxInput, maxMRZLine)
		return r
	}
	m, err := mrz.Parse(text, today)
	var perr *mrz.Error
	if err != nil {
		r.Error = err.Error()
		if errors.As(err, &perr) {
			r.Codes = append(r.Codes, perr.Code)
		}
		if m.Format == 0 {
			return r
		}
	}
	r.Format = m.Format.String()
	r.DocumentCode = m.DocumentCode
	r.IssuingState = m.IssuingState.Code()
	if region, ok := m.IssuingState.Region(); ok {
		r.IssuingRegion = region.String()
	}
	r.Nationality = m.Nationality.Code()
	r.DocumentNumber = m.DocumentNumber
	r.BirthDate = m.Birth.String()
	r.ExpiryDate = m.Expiry.String()
	if m.SexCode != '<' {
		r.Sex = string(rune(m.SexCode))
	}
	r.Surname = m.Primary
	r.GivenNames = m.Secondary
	for c, ok := range m.Checks() {
		r.Checks[c.String()] = ok
		if !ok {
			r.Codes = append(r.Codes, c.Code())
		}
	}
	// A state code without a region says why, for the issuing state and the
	// nationality alike (a stateless holder's nationality is XXA).
	for _, s := range []mrz.State{m.IssuingState, m.Nationality} {
		if code := s.Class().Code(); code != "" && !slices.Contains(r.Codes, code) {
			r.Codes = append(r.Codes, code)
		}
	}
	if m.Truncated {
		r.Codes = append(r.Codes, codeNameTruncated)
	}
	if m.BirthUnknown {
		r.Codes = append(r.Codes, codeBirthUnknown)
	}
	r.Expired = m.ExpiredOn(today)
	r.Valid = err == nil && m.Valid()
	return r
}

// readMRZLine returns the next line without its line ending. A line longer
// than maxMRZLine is discarded and long is set. At the end of input it
// returns io.EOF, with the last line if it had no newline.
func readMRZLine(r *bufio.Reader) (line []byte, long bool, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		if !long {
			line = append(line, chunk...)
			if len(line) > maxMRZLine+2 { // room for "\r\n"
				line, long = nil, true
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && len(line) == 0 && !long {
			return nil, false, err
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		return line, long, err
	}
}
