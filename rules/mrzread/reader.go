package mrzread

import (
	"context"
	"image"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules"
)

// Defaults of [Options]; each applies when its field is zero.
const (
	// DefaultDetectSide is the longest side, in pixels, of the reduced
	// grayscale copy the zone is searched on.
	DefaultDetectSide = 1280
	// DefaultMinConfidence is the least confidence of any character of a
	// zone read.
	DefaultMinConfidence = 0.55
	// DefaultMinMeanConfidence is the least mean confidence of the
	// characters of a zone read.
	DefaultMinMeanConfidence = 0.75
	// DefaultMinUncheckedConfidence is the least confidence of a character
	// no check digit covers (names, states, sex, a visa's optional data).
	DefaultMinUncheckedConfidence = 0.75
	// DefaultMaxCorrections is the most cells whose best reading the check
	// digits may overrule.
	DefaultMaxCorrections = 3
	// DefaultMaxCandidates is the most zone candidates (groups of text lines
	// that look like a zone) read before giving up.
	DefaultMaxCandidates = 4
)

// Options configure a [Reader]. The zero value is valid and gives the
// defaults documented on each field.
type Options struct {
	// Clock gives today's date, which [mrz.Parse] needs to read two-digit
	// years. The zero Clock is the system clock in China Standard Time.
	Clock certificate.Clock
	// DetectSide is the longest side of the reduced copy the zone is
	// searched on. Default [DefaultDetectSide]; at least 320.
	DetectSide int
	// MinConfidence is the floor under every character's confidence (0–1)
	// in a zone read. Default [DefaultMinConfidence].
	MinConfidence float32
	// MinMeanConfidence is the floor under the mean confidence (0–1) of a
	// zone read. Default [DefaultMinMeanConfidence].
	MinMeanConfidence float32
	// MinUncheckedConfidence is the floor under the confidence of every
	// character no check digit covers (names, states, sex, a visa's
	// optional data), where a misread or scratched character cannot be
	// caught. Default [DefaultMinUncheckedConfidence].
	MinUncheckedConfidence float32
	// MaxCorrections is the most cells whose best reading the check digits
	// may overrule with a close second. Default [DefaultMaxCorrections]; at
	// most 4. Negative means none.
	MaxCorrections int
	// MaxCandidates is the most zone candidates read. Default
	// [DefaultMaxCandidates].
	MaxCandidates int
}

// Reader reads machine-readable zones. It is safe for concurrent use.
type Reader struct {
	o Options
	// trace, when set by a test, hears why candidates fail.
	trace func(format string, args ...any)
}

// New returns a Reader, or a [*rules.ConfigError] when an option is out of
// range.
func New(o Options) (*Reader, error) {
	bad := func(reason string) error { return &rules.ConfigError{Rule: "mrzread", Reason: reason} }
	switch {
	case o.DetectSide != 0 && (o.DetectSide < 320 || o.DetectSide > 8192):
		return nil, bad("DetectSide must be between 320 and 8192")
	case o.MinConfidence < 0 || o.MinConfidence > 1:
		return nil, bad("MinConfidence must be between 0 and 1")
	case o.MinMeanConfidence < 0 || o.MinMeanConfidence > 1:
		return nil, bad("MinMeanConfidence must be between 0 and 1")
	case o.MinUncheckedConfidence < 0 || o.MinUncheckedConfidence > 1:
		return nil, bad("MinUncheckedConfidence must be between 0 and 1")
	case o.MaxCorrections > 4:
		return nil, bad("MaxCorrections must be at most 4")
	case o.MaxCandidates < 0 || o.MaxCandidates > 32:
		return nil, bad("MaxCandidates must be between 0 and 32")
	}
	if o.DetectSide == 0 {
		o.DetectSide = DefaultDetectSide
	}
	if o.MinConfidence == 0 {
		o.MinConfidence = DefaultMinConfidence
	}
	if o.MinMeanConfidence == 0 {
		o.MinMeanConfidence = DefaultMinMeanConfidence
	}
	if o.MinUncheckedConfidence == 0 {
		o.MinUncheckedConfidence = DefaultMinUncheckedConfidence
	}
	switch {
	case o.MaxCorrections == 0:
		o.MaxCorrections = DefaultMaxCorrections
	case o.MaxCorrections < 0:
		o.MaxCorrections = 0
	}
	if o.MaxCandidates == 0 {
		o.MaxCandidates = DefaultMaxCandidates
	}
	return &Reader{o: o}, nil
}

// Zone is a machine-readable zone read from an image.
type Zone struct {
	Layout mrz.Format `json:"layout"`
	// Lines are the lines of the zone, top to bottom.
	Lines []string `json:"lines"`
	// Confidence holds, per line and character, how well the cell matched
	// the character read, from 0 to 1.
	Confidence [][]float32 `json:"confidence"`
	// MRZ is the parsed zone; every check digit passed.
	MRZ *mrz.MRZ `json:"-"`
	// Orientation is how far, clockwise, the zone is turned from upright in
	// the image: 0, 90, 180 or 270 degrees.
	Orientation int `json:"orientation"`
	// Skew is the remaining clockwise rotation, in degrees (within ±45).
	Skew float64 `json:"skew"`
	// Box bounds the zone in the image's coordinates.
	Box image.Rectangle `json:"box"`
	// Corrections counts the cells whose best-matching glyph the check
	// digits overruled.
	Corrections int `json:"corrections"`
}

// Text returns the lines joined by "\n", as [mrz.Parse] reads them.
func (z *Zone) Text() string {
	n := 0
	for _, l := range z.Lines {
		n += len(l) + 1
	}
	b := make([]byte, 0, n)
	for i, l := range z.Lines {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, l...)
	}
	return string(b)
}

// MeanConfidence returns the mean of the per-character confidences.
func (z *Zone) MeanConfidence() float32 {
	var s float32
	n := 0
	for _, l := range z.Confidence {
		for _, c := range l {
			s += c
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float32(n)
}

// Read finds and reads the machine-readable zone of img. It returns an
// [*Error] with [CodeNoZone] or [CodeUnreadable] when it reads none, and
// the context's error when ctx ends first.
func (r *Reader) Read(ctx context.Context, img image.Image) (*Zone, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if img == nil {
		return nil, &Error{Code: CodeNoZone, Detail: "no image"}
	}
	return r.read(ctx, img)
}
