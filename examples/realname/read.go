package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/mrzread"
)

// readResult is one output object of cmdRead.
type readResult struct {
	Path string `json:"path"`
	// Found is true when a zone was read.
	Found bool `json:"found"`
	// Layout, Lines and Confidence are the zone read: its lines and, per
	// line and character, how well the character matched (0–1).
	Layout         string      `json:"layout,omitempty"`
	Lines          []string    `json:"lines,omitempty"`
	Confidence     [][]float64 `json:"confidence,omitempty"`
	MeanConfidence float64     `json:"mean_confidence,omitempty"`
	// Orientation is the clockwise turn of the zone in the image (0, 90,
	// 180 or 270 degrees), Skew the rest in degrees, Box its bounds
	// [x0, y0, x1, y1].
	Orientation int     `json:"orientation"`
	Skew        float64 `json:"skew"`
	Box         []int   `json:"box,omitempty"`
	Corrections int     `json:"corrections"`
	// Fields are the parsed fields, as realname mrz prints them.
	Fields *mrzResult `json:"fields,omitempty"`
	// Codes are why no zone was read (zone.not_found, zone.unreadable),
	// or the evidence codes of a file that is not an image to read.
	Codes []string `json:"codes"`
	Error string   `json:"error,omitempty"`
}

// cmdRead reads the machine-readable zone of each image and writes one
// JSON object per file. Images without a readable zone do not change the
// exit status; 2 means a usage error, 1 a file that could not be read (not
// a regular file, say) or an output error.
func cmdRead(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("read", flag.ContinueOnError)
	fs.SetOutput(stderr)
	todayFlag := fs.String("today", "", "reference date YYYY-MM-DD for two-digit years (default: today in China Standard Time)")
	maxBytes := fs.Int64("max-bytes", evidence.DefaultMaxBytes, "largest accepted file size in bytes")
	timeout := fs.Duration("timeout", 2*time.Minute, "give up after this long, for all the files")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: realname read [-today YYYY-MM-DD] IMAGE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	clock, err := clockFlag(*todayFlag)
	if err != nil {
		fmt.Fprintf(stderr, "realname read: -today: %v\n", err)
		return 2
	}
	reader, err := mrzread.New(mrzread.Options{Clock: clock})
	if err != nil {
		fmt.Fprintln(stderr, "realname read:", err)
		return 2
	}
	// The inspection bounds the work on each file (size, pixels, the
	// decoder's budget) and decodes the image once for the reader. Any
	// image size is read: the minimum dimensions are the verifier's.
	in, err := evidence.NewInspector(evidence.Options{MaxBytes: *maxBytes, SkipOriginality: true,
		MinCertificate: evidence.Dimensions{Short: 1, Long: 1}, Readers: []evidence.ImageReader{reader}})
	if err != nil {
		fmt.Fprintln(stderr, "realname read:", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	return eachPath(fs.Args(), stdout, stderr, "read", func(path string) (any, bool) {
		res := readPath(ctx, in, path, clock.Today())
		return res, res.Error == ""
	})
}

// readPath reads the zone of one file (see inspectFile).
func readPath(ctx context.Context, in *evidence.Inspector, path string, today certificate.Date) readResult {
	res := readResult{Path: path, Codes: []string{}}
	rep, err := inspectFile(ctx, in, path, evidence.Certificate)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	for _, rd := range rep.Readings {
		r, ok := rd.(*mrzread.Reading)
		if !ok {
			continue
		}
		if r.Zone == nil {
			res.Codes = append(res.Codes, string(r.Code))
			if r.Err != nil && r.Err.Layout != 0 {
				res.Layout = r.Err.Layout.String()
			}
			return res
		}
		describeZone(&res, r.Zone, today)
		return res
	}
	// Not read: the file is no image the inspection decoded.
	for _, v := range rep.Violations {
		res.Codes = append(res.Codes, string(v.Code))
	}
	if len(res.Codes) == 0 {
		res.Codes = append(res.Codes, string(mrzread.CodeNoZone))
	}
	return res
}

// describeZone fills res from a zone read.
func describeZone(res *readResult, z *mrzread.Zone, today certificate.Date) {
	res.Found = true
	res.Layout = z.Layout.String()
	res.Lines = z.Lines
	round := func(v float64) float64 { return math.Round(v*1000) / 1000 }
	for _, l := range z.Confidence {
		row := make([]float64, len(l))
		for i, c := range l {
			row[i] = round(float64(c))
		}
		res.Confidence = append(res.Confidence, row)
	}
	res.MeanConfidence = round(float64(z.MeanConfidence()))
	res.Orientation, res.Skew, res.Corrections = z.Orientation, round(z.Skew), z.Corrections
	res.Box = []int{z.Box.Min.X, z.Box.Min.Y, z.Box.Max.X, z.Box.Max.Y}
	fields := describeMRZ(z.Text(), false, today)
	res.Fields = &fields
}
