package mrzread

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// TestInspectorReadsZone reads a zone through an evidence inspection: the
// reading rides on the report, from the inspection's own decode.
func TestInspectorReadsZone(t *testing.T) {
	r := newReader(t)
	img := render.Zone(strings.Split(specimens[2].text, "\n"), render.Options{DPI: 300, Rotation: 271})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	rep, err := evidence.Inspect(context.Background(), bytes.NewReader(buf.Bytes()), "card.jpg", "image/jpeg",
		evidence.Certificate, evidence.Options{Readers: []evidence.ImageReader{r}, SkipOriginality: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Readings) != 1 {
		t.Fatalf("%d readings, want 1", len(rep.Readings))
	}
	rd, ok := rep.Readings[0].(*Reading)
	if !ok || rd.Reader() != ReaderName || rd.Zone == nil || rd.Code != "" {
		t.Fatalf("reading %#v", rep.Readings[0])
	}
	if rd.Zone.Text() != specimens[2].text || rd.Zone.Orientation != 270 {
		t.Errorf("read %q at %d°", rd.Zone.Lines, rd.Zone.Orientation)
	}
}

func TestReadImageRoles(t *testing.T) {
	r := newReader(t)
	blank := image.NewGray(image.Rect(0, 0, 640, 480))
	rd, err := r.ReadImage(context.Background(), evidence.Handheld, blank)
	if rd != nil || err != nil {
		t.Errorf("handheld: %v, %v; want nil, nil", rd, err)
	}
	rd, err = r.ReadImage(context.Background(), evidence.Certificate, blank)
	if err != nil || rd.(*Reading).Code != CodeNoZone || rd.(*Reading).Zone != nil {
		t.Errorf("blank certificate: %#v, %v", rd, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if rd, err := r.ReadImage(ctx, evidence.Certificate, blank); rd != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, %v; want the context's error", rd, err)
	}
}

func TestNewOptions(t *testing.T) {
	for _, o := range []Options{{DetectSide: 100}, {MinConfidence: 2}, {MinMeanConfidence: -1}, {MaxCorrections: 5}, {MaxCandidates: 99}} {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) accepted", o)
		}
	}
	r, err := New(Options{MaxCorrections: -1})
	if err != nil || r.o.MaxCorrections != 0 || r.o.DetectSide != DefaultDetectSide || r.o.MinConfidence != DefaultMinConfidence {
		t.Errorf("defaults: %+v, %v", r.o, err)
	}
}
