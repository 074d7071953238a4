package mrzread

import (
	"context"
	"errors"
	"image"

	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

// ReaderName is the name [Reading.Reader] returns.
const ReaderName = "mrz"

// Reading is the [evidence.Reading] of a [Reader]: the zone read, or the
// code of why none was.
type Reading struct {
	// Zone is the zone read; nil when Code is set.
	Zone *Zone
	// Code is [CodeNoZone] or [CodeUnreadable] when no zone was read.
	Code rules.Code
	// Err is the [*Error] behind Code.
	Err *Error
}

// Reader returns [ReaderName].
func (*Reading) Reader() string { return ReaderName }

// ReadImage implements [evidence.ImageReader]: it reads the zone of a
// certificate image and returns a [*Reading] holding the zone or the code of
// the failure; for a handheld photo it returns nil. Only the context's error
// is returned as an error.
func (r *Reader) ReadImage(ctx context.Context, role evidence.Role, img image.Image) (evidence.Reading, error) {
	if role != evidence.Certificate {
		return nil, nil
	}
	z, err := r.Read(ctx, img)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return &Reading{Code: e.Code, Err: e}, nil
		}
		return nil, err
	}
	return &Reading{Zone: z}, nil
}

var _ evidence.ImageReader = (*Reader)(nil)
