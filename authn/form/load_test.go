package form_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/evidence"
)

// noisePNG returns a w×h PNG of random pixels: incompressible, so about
// 3·w·h bytes, and a valid image that passes the pixel checks.
func noisePNG(t testing.TB, w, h int, seed uint64) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(seed, 1))
	for i := 0; i < len(img.Pix); i += 4 {
		v := r.Uint32()
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = byte(v), byte(v>>8), byte(v>>16), 255
	}
	var b bytes.Buffer
	require.NoError(t, (&png.Encoder{CompressionLevel: png.NoCompression}).Encode(&b, img))
	return b.Bytes()
}

// loadBody is one submission with two files of about 5 MB each.
type loadBody struct {
	body []byte
	ct   string
	file int // size of each file
}

func newLoadBody(t testing.TB) loadBody {
	t.Helper()
	app, err := authntest.Application(authntest.Options{Seed: 77})
	require.NoError(t, err)
	cert, hand := noisePNG(t, 1290, 1290, 1), noisePNG(t, 1290, 1290, 2)
	body, ct, err := authntest.Form(authntest.FormFields(app),
		authntest.FormFile{Field: "certificate", Name: "card.png", ContentType: "image/png", Body: bytes.NewReader(cert)},
		authntest.FormFile{Field: "handheld", Name: "holding.png", ContentType: "image/png", Body: bytes.NewReader(hand)},
	)
	require.NoError(t, err)
	var b bytes.Buffer
	_, err = b.ReadFrom(body)
	require.NoError(t, err)
	return loadBody{body: b.Bytes(), ct: ct, file: len(cert)}
}

// peaks are the largest heap figures seen during a run.
type peaks struct {
	live uint64 // live heap as marked by the last GC (/gc/heap/live:bytes)
	heap uint64 // heap objects, live and not yet swept (/memory/classes/heap/objects:bytes)
}

// peakHeap samples the heap until stop is closed and returns the peaks.
func peakHeap(stop <-chan struct{}) <-chan peaks {
	out := make(chan peaks, 1)
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
		var p peaks
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			p.live = max(p.live, s[0].Value.Uint64())
			p.heap = max(p.heap, s[1].Value.Uint64())
			select {
			case <-stop:
				out <- p
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

type loadResult struct {
	peak              peaks
	base, totalAlloc  uint64
	accepted, gcCount int64
}

// runLoad sends n concurrent submissions and measures the heap.
func runLoad(t testing.TB, h *form.Handler, lb loadBody, n int) loadResult {
	t.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, total0, gc0 := ms.HeapAlloc, ms.TotalAlloc, ms.NumGC
	stop := make(chan struct{})
	peak := peakHeap(stop)
	var wg sync.WaitGroup
	var accepted atomic.Int64
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			r := httptest.NewRequest(http.MethodPost, "/authn", bytes.NewReader(lb.body))
			r.Header.Set("Content-Type", lb.ct)
			r.Header.Set("X-Account", fmt.Sprintf("load-%d", i))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code == http.StatusAccepted || w.Code == http.StatusUnprocessableEntity {
				accepted.Add(1)
			} else {
				t.Errorf("submission %d: %d %s", i, w.Code, w.Body.String())
			}
		}()
	}
	close(start)
	wg.Wait()
	close(stop)
	res := loadResult{peak: <-peak, base: base, accepted: accepted.Load()}
	runtime.ReadMemStats(&ms)
	res.totalAlloc = ms.TotalAlloc - total0
	res.gcCount = int64(ms.NumGC - gc0)
	return res
}

// TestMemoryBoundedUnderLoad sends 32 concurrent submissions of two 5 MB
// files each (320 MB of uploads) and checks that the live heap stays within
// what the configured limits allow: MaxConcurrentUploads requests holding
// two file buffers of at most the file limit each, MaxConcurrentFiles
// inspections, each holding the inspector's read buffer of the file limit,
// one decoded image and the pixel checks' working grids (8 bytes per pixel
// together), plus a fixed allowance for the requests waiting their turn.
// The bound does not depend on the number or size of requests. (The heap
// itself may reach about twice the live data before the collector runs,
// with the default GOGC=100.)
func TestMemoryBoundedUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	lb := newLoadBody(t)
	const concurrent = 2
	pixels := !raceEnabled // under -race, only the format, size and header checks
	h := loadHandler(t, concurrent, pixels)
	res := runLoad(t, h, lb, 32)
	require.EqualValues(t, 32, res.accepted)

	perInspection := uint64(evidence.DefaultMaxBytes + 1) // the inspector's read buffer
	if pixels {
		perInspection += 8 * 1290 * 1290 // decoded RGBA + the pixel checks' grids
	}
	perUpload := uint64(2 * (evidence.DefaultMaxBytes + 1)) // the two files' buffers
	bound := concurrent*perUpload + concurrent*perInspection + 16<<20
	growth := res.peak.live - min(res.peak.live, res.base)
	t.Logf("32 submissions × 2 files × %.1f MB, MaxConcurrentFiles=%d: peak live heap +%.1f MiB over %.1f MiB (bound %.1f MiB), peak heap incl. garbage %.1f MiB, TotalAlloc %.1f MiB (%.1f MiB per submission), %d GCs",
		float64(lb.file)/1e6, concurrent, mib(growth), mib(res.base), mib(bound), mib(res.peak.heap), mib(res.totalAlloc), mib(res.totalAlloc)/32, res.gcCount)
	require.Greater(t, res.gcCount, int64(3), "enough collections for the live figure to be meaningful")
	assert.Less(t, growth, bound, "peak live heap must be bounded by the configured limits")
}

// loadHandler returns a handler reading and inspecting at most concurrent
// uploads and files at once, with or without pixel checks, and a timeout
// long enough for slow machines.
func loadHandler(t testing.TB, concurrent int, pixels bool) *form.Handler {
	t.Helper()
	p := authn.DefaultPolicy()
	p.Evidence.PixelChecks = pixels
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}), authn.WithPolicy(p))
	require.NoError(t, err)
	h, _ := newHandler(t, func(o *form.Options) {
		o.Verifier = v
		o.MaxConcurrentFiles = concurrent
		o.MaxConcurrentUploads = concurrent
		o.Timeout = 10 * time.Minute
	})
	return h
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// BenchmarkConcurrentSubmissions reports, for 32 concurrent submissions of
// two 5 MB files, the peak live heap above the baseline and the bytes
// allocated per submission, for two settings of MaxConcurrentFiles.
func BenchmarkConcurrentSubmissions(b *testing.B) {
	lb := newLoadBody(b)
	for _, c := range []int{2, 8} {
		b.Run(fmt.Sprintf("files=%d", c), func(b *testing.B) {
			h := loadHandler(b, c, true)
			b.ReportAllocs()
			b.SetBytes(int64(32 * len(lb.body)))
			var peak, heap uint64
			for b.Loop() {
				res := runLoad(b, h, lb, 32)
				peak = max(peak, res.peak.live-min(res.peak.live, res.base))
				heap = max(heap, res.peak.heap)
			}
			b.ReportMetric(mib(peak), "peak-live-MiB")
			b.ReportMetric(mib(heap), "peak-heap-MiB")
		})
	}
}
