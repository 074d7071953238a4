package mrzread

import (
	"context"
	"image"
)

// read is the pipeline behind Read.
func (r *Reader) read(ctx context.Context, img image.Image) (*Zone, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if img.Bounds().Empty() {
		return &Zone{}, nil
	}
	return nil, &Error{Code: CodeNoZone}
}
