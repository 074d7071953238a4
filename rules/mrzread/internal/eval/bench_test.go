package eval

import (
	"bytes"
	"context"
	"image/jpeg"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/mrzread"
)

var clock = certificate.Clock{Now: func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }}

func newReader(t testing.TB) *mrzread.Reader {
	r, err := mrzread.New(mrzread.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var phone = sync.OnceValues(func() ([]byte, []string) { return PhonePhoto(1) })

// BenchmarkDecode12MP is image/jpeg's decode of the 12 MP phone photo that
// BenchmarkRead12MP reads: reading should cost at most half of it.
func BenchmarkDecode12MP(b *testing.B) {
	data, _ := phone()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead12MP reads the zone of the decoded 12 MP phone photo.
func BenchmarkRead12MP(b *testing.B) {
	data, lines := phone()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	r := newReader(b)
	ctx := context.Background()
	z, err := r.Read(ctx, img)
	if err != nil || z.Text() != strings.Join(lines, "\n") {
		b.Fatalf("read %v, %v; want %q", z, err, lines)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Read(ctx, img); err != nil {
			b.Fatal(err)
		}
	}
}
