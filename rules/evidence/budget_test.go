package evidence

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/realname-go/realname/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// budgetCodes are the codes of budget.go with their severity, for
// allCodes.
func budgetCodes() map[rules.Code]rules.Severity {
	return map[rules.Code]rules.Severity{CodeDecodeBudget: rules.Reject, CodeDecodeComplexity: rules.Reject}
}

// hostile is where internal/genhostile writes the hostile corpus.
var hostile = filepath.Join("testdata", "hostile")

// budgetCases lists what each budget-* file of the hostile corpus must
// get with pixel checks on; want "" means it is decoded (within the
// budgets) and not rejected.
func budgetCases() []struct {
	file   string
	want   rules.Code
	reason string
} {
	return []struct {
		file   string
		want   rules.Code
		reason string
	}{
		{"budget-rgba16-7071.png", CodeDecodeBudget, "16-bit RGBA: 8 bytes a pixel, 400 MB"},
		{"budget-interlaced-rgba-6000x4000.png", CodeDecodeBudget, "96 MB image plus its Adam7 pass images"},
		{"budget-progressive-7071.jpg", CodeDecodeBudget, "int32 coefficients of 3 full-size components: 750 MB"},
		{"budget-progressive-420-5000.jpg", CodeDecodeBudget, "4:2:0 progressive of 25 MP: 188 MB"},
		{"budget-baseline-rgb-4500.jpg", CodeDecodeBudget, "Adobe RGB: YCbCr planes then RGBA, 7 bytes a pixel"},
		{"budget-scans-2000.jpg", CodeDecodeComplexity, "7000 scans of 62,500 blocks: 11 s of decoding"},
		{"budget-refine-scans-2000.jpg", CodeDecodeComplexity, "2000 refinement scans of the whole AC band"},
		{"budget-chunks.png", CodeDecodeComplexity, "33,000 ancillary chunks"},
		{"budget-idat-chunks.png", CodeDecodeComplexity, "image data cut into 33,000 IDAT chunks"},
		{"budget-rle8-7071.bmp", CodeCorrupt, "x/image/bmp does not decode RLE: refused before any decode"},
		{"budget-rle4-7071.bmp", CodeCorrupt, "RLE4, likewise"},
		{"budget-rle8-delta.bmp", CodeCorrupt, "RLE8 skipping rows with delta escapes, likewise"},
		{"budget-max-baseline-420-7071.jpg", "", "50 MP of 4:2:0 baseline: 75 MB, within the budgets"},
		{"budget-max-palette-7071.png", "", "50 MP of palette indices: one byte a pixel, never expanded"},
		{"budget-max-interlaced-rgba-4000x3000.png", "", "48 MB image and its Adam7 passes: 96 MB, within"},
		{"budget-max-rgb16-3000.png", "", "16-bit RGB of 9 MP: RGBA64, 72 MB, within"},
		{"budget-max-progressive-gray-5120.jpg", "", "progressive 26 MP: 132 MB of coefficients and image, just within"},
		{"budget-max-scans-2000.jpg", "", "900 scans of 62,500 blocks: just within the work budget"},
		{"budget-max-deflate-blocks.png", "", "40,000 one-byte deflate blocks: 1.3 µs each, outside the model (see budget.go)"},
	}
}

// TestBudgetHostile inspects every budget-* file of the hostile corpus and
// expects its code; every such file has a case.
func TestBudgetHostile(t *testing.T) {
	in, err := NewInspector(Options{PixelChecks: true})
	require.NoError(t, err)
	loc, err := rules.NewLocalizer(Messages()...)
	require.NoError(t, err)
	for c, sev := range budgetCodes() {
		found := false
		for _, m := range Messages() {
			if m.Code == c {
				found = true
				assert.Equal(t, sev, m.Severity, c)
			}
		}
		assert.True(t, found, "no message for %s", c)
	}
	files, err := filepath.Glob(filepath.Join(hostile, "budget-*"))
	require.NoError(t, err)
	cases := budgetCases()
	require.Len(t, files, len(cases), "a case for every budget-* file")
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			if tc.want == "" && raceEnabled {
				t.Skip("a decode of tens of megapixels under the race detector")
			}
			rep := inspectFile(t, in, filepath.Join(hostile, tc.file), tc.file, "", Certificate)
			if tc.want == "" {
				assert.NotEqual(t, rules.Rejected, rep.Verdict(), "%s: %v", tc.reason, rep.Violations)
				assert.NotNil(t, rep.Scores, "decoded and measured")
				return
			}
			require.Contains(t, codes(rep), string(tc.want), tc.reason)
			assert.Equal(t, rules.Rejected, rep.Verdict())
			assert.Nil(t, rep.Scores, "nothing decoded")
			for _, v := range rep.Violations {
				assert.True(t, v.Retryable)
				for _, tag := range []language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese} {
					msg := loc.Message(tag, v)
					assert.NotContains(t, msg, "{", "%s in %s: %s", v.Code, tag, msg)
				}
			}
		})
	}
}

// TestBudgetParams checks the parameters of both codes.
func TestBudgetParams(t *testing.T) {
	in, err := NewInspector(Options{})
	require.NoError(t, err)
	params := func(v rules.Violation) map[string]string {
		m := map[string]string{}
		for _, p := range v.Params {
			m[p.Name] = p.Value
		}
		return m
	}
	find := func(r Report, c rules.Code) rules.Violation {
		for _, v := range r.Violations {
			if v.Code == c {
				return v
			}
		}
		t.Fatalf("no %s in %v", c, r.Violations)
		return rules.Violation{}
	}
	rep := inspectFile(t, in, filepath.Join(hostile, "budget-rgba16-7071.png"), "a.png", "", Certificate)
	p := params(find(rep, CodeDecodeBudget))
	assert.Equal(t, "134217728", p["limit"])
	assert.Equal(t, "128 MB", p["limit_size"])
	assert.Equal(t, "382.8 MB", p["need_size"], "7071×7071×8 bytes, two rows, the pixel checks' grid and the overhead")
	rep = inspectFile(t, in, filepath.Join(hostile, "budget-scans-2000.jpg"), "a.jpg", "", Certificate)
	p = params(find(rep, CodeDecodeComplexity))
	assert.Equal(t, "7001 scans", p["reason"])
	assert.Equal(t, "1500000000", p["limit"])
	rep = inspectFile(t, in, filepath.Join(hostile, "budget-chunks.png"), "a.png", "", Certificate)
	assert.Equal(t, "33003 chunks, at most 32768", params(find(rep, CodeDecodeComplexity))["reason"])
}

// TestBudgetWithoutDecoding: the budgets hold when nothing is decoded, so
// a verdict does not depend on the pixel checks.
func TestBudgetWithoutDecoding(t *testing.T) {
	in, err := NewInspector(Options{})
	require.NoError(t, err)
	for _, tc := range budgetCases() {
		rep := inspectFile(t, in, filepath.Join(hostile, tc.file), tc.file, "", Certificate)
		if tc.want != "" {
			assert.Contains(t, codes(rep), string(tc.want), tc.file)
		} else {
			assert.NotEqual(t, rules.Rejected, rep.Verdict(), tc.file)
		}
	}
}

// TestBudgetRealFiles: no image of the corpus or of other projects (camera
// photos, Go's progressive and CMYK JPEGs, scans as PNG) is over a budget.
func TestBudgetRealFiles(t *testing.T) {
	in, err := NewInspector(Options{})
	require.NoError(t, err)
	n := 0
	for _, path := range imageFiles(t) {
		if strings.HasPrefix(path, hostile) {
			continue
		}
		rep := inspectFile(t, in, path, filepath.Base(path), "", Certificate)
		assert.NotContains(t, codes(rep), string(CodeDecodeBudget), path)
		assert.NotContains(t, codes(rep), string(CodeDecodeComplexity), path)
		n++
	}
	assert.GreaterOrEqual(t, n, 40)
}

// TestBudgetOptions checks the defaults, negative values and a budget
// small enough to refuse a camera photo.
func TestBudgetOptions(t *testing.T) {
	in, err := NewInspector(Options{})
	require.NoError(t, err)
	assert.Equal(t, int64(DefaultMaxDecodeBytes), in.Options().MaxDecodeBytes)
	assert.Equal(t, int64(DefaultMaxDecodeWork), in.Options().MaxDecodeWork)
	for _, o := range []Options{{MaxDecodeBytes: -1}, {MaxDecodeWork: -1}} {
		_, err := NewInspector(o)
		var ce *rules.ConfigError
		assert.ErrorAs(t, err, &ce)
	}
	small, err := NewInspector(Options{MaxDecodeBytes: 1 << 20})
	require.NoError(t, err)
	rep := inspectFile(t, small, filepath.Join("testdata", "corpus", "good_camera.jpg"), "a.jpg", "", Certificate)
	assert.Equal(t, []string{string(CodeDecodeBudget)}, codes(rep))
	slow, err := NewInspector(Options{MaxDecodeWork: 1000})
	require.NoError(t, err)
	rep = inspectFile(t, slow, filepath.Join("testdata", "corpus", "good.png"), "a.png", "", Certificate)
	assert.Equal(t, []string{string(CodeDecodeComplexity)}, codes(rep))
}

// TestDecodeFits checks the budget for images found inside other files.
func TestDecodeFits(t *testing.T) {
	o, err := Options{}.resolved()
	require.NoError(t, err)
	read := func(dir, name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		return b
	}
	corpus := filepath.Join("testdata", "corpus")
	assert.True(t, o.decodeFits(JPEG, read(corpus, "good_camera.jpg")))
	assert.True(t, o.decodeFits(PNG, read(corpus, "good.png")))
	assert.True(t, o.decodeFits(JPEG, read(hostile, "budget-max-scans-2000.jpg")))
	for _, name := range []string{"budget-progressive-7071.jpg", "budget-scans-2000.jpg", "budget-baseline-rgb-4500.jpg"} {
		assert.False(t, o.decodeFits(JPEG, read(hostile, name)), name)
	}
	for _, name := range []string{"budget-rgba16-7071.png", "budget-chunks.png", "budget-interlaced-rgba-6000x4000.png"} {
		assert.False(t, o.decodeFits(PNG, read(hostile, name)), name)
	}
	assert.False(t, o.decodeFits(BMP, read(corpus, "good.bmp")), "not an embedded format")
	assert.False(t, o.decodeFits(JPEG, read(corpus, "truncated.jpg")))
	assert.False(t, o.decodeFits(JPEG, read(corpus, "bomb.jpg")), "over the pixel cap")
}

// TestBudgetContext: budget refuses to let a decode start once ctx ended.
func TestBudgetContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := check{opts: &Options{MaxDecodeBytes: 1 << 30, MaxDecodeWork: 1 << 40}, role: Certificate}
	c.rep.Width, c.rep.Height = 10, 10
	assert.False(t, c.budget(ctx, nil, PNG, &layout{}))
	assert.ErrorIs(t, c.err, context.Canceled)
}

// countdownCtx is a context whose Err reports it cancelled from its n-th
// call on.
type countdownCtx struct {
	context.Context
	calls, n int
}

func (c *countdownCtx) Err() error {
	c.calls++
	if c.calls >= c.n {
		return context.Canceled
	}
	return nil
}

// TestDecodeStopsWithContext: a context ending while the decoder runs stops
// it at its next read, and the inspection returns the context's error.
func TestDecodeStopsWithContext(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(hostile, "budget-max-scans-2000.jpg"))
	require.NoError(t, err)
	// The whole decode takes about a second; cancelled at its second read,
	// it stops after the first 4 KiB and asks no more.
	ctx := &countdownCtx{Context: context.Background(), n: 2}
	_, err = decode(ctx, JPEG, b)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 2, ctx.calls, "the decoder read no further")

	// Whichever check or read of an inspection sees the end first, the
	// inspection returns the context's error, never a verdict.
	b, err = os.ReadFile(filepath.Join("testdata", "corpus", "good_camera.jpg"))
	require.NoError(t, err)
	in, err := NewInspector(Options{PixelChecks: true})
	require.NoError(t, err)
	for n := 1; ; n++ {
		ctx := &countdownCtx{Context: context.Background(), n: n}
		rep, err := in.Inspect(ctx, bytes.NewReader(b), "a.jpg", "", Certificate)
		if ctx.calls < n { // the context never ended: a whole inspection
			require.NoError(t, err)
			assert.NotNil(t, rep.Scores)
			assert.Greater(t, n, 6, "entry, read, budget, decode and the decoder's reads")
			break
		}
		require.ErrorIs(t, err, context.Canceled, "cancelled at call %d", n)
		assert.Empty(t, rep.Violations, "cancelled at call %d", n)
	}
}

// imageFiles returns every JPEG, PNG and BMP file of the corpus, the
// external files and the decodable hostile files.
func imageFiles(t *testing.T) []string {
	var out []string
	for _, dir := range []string{filepath.Join("testdata", "corpus"), external, hostile} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".jpg", ".jpeg", ".png", ".bmp":
				out = append(out, p)
			}
			return nil
		})
		require.NoError(t, err)
	}
	return out
}

// TestDecodeCostBound checks the memory model against the decoders: for
// every image that decodes within the default budgets, the bytes allocated
// by decoding and measuring it stay at or under the estimate, and a large
// estimate is not more than a quarter above them.
func TestDecodeCostBound(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes every test image")
	}
	checked := 0
	for _, path := range imageFiles(t) {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		f, code, _ := Sniff(b)
		if code != "" || !f.IsImage() {
			continue
		}
		var l *layout
		switch f {
		case JPEG:
			l = scanJPEG(b, false)
		case PNG:
			l = scanPNG(b, false)
		default:
			l = scanBMP(b)
		}
		cfg, err := decodeConfig(f, b)
		if err != nil || l.failure != "" {
			continue
		}
		w, h := int64(cfg.Width), int64(cfg.Height)
		mem, work := l.shape.decodeCost(f, w, h)
		if mem > DefaultMaxDecodeBytes || work > DefaultMaxDecodeWork || w*h > DefaultMaxPixels || raceEnabled && w*h > 4<<20 {
			continue
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		img, err := decode(context.Background(), f, b)
		if err != nil {
			continue
		}
		measure(img)
		runtime.ReadMemStats(&after)
		// image/png allocates 4 KiB for every chunk it skips: garbage the
		// collector reclaims as it goes, not part of the peak
		got := int64(after.TotalAlloc-before.TotalAlloc) - 4096*int64(l.shape.chunks)
		t.Logf("%s: %v, allocated %d, estimated %d", path, time.Since(start), got, mem)
		assert.LessOrEqual(t, got, mem, "%s: allocated %d, estimated %d", path, got, mem)
		if mem > 8<<20 {
			assert.LessOrEqual(t, mem, got+got/4, "%s: estimate %d far above %d", path, mem, got)
		}
		checked++
	}
	assert.GreaterOrEqual(t, checked, 28)
}

// TestBudgetAllocation runs one whole inspection of every hostile file
// and every image file of the corpora and checks the bytes it allocates:
// at most the decode budget plus the read buffer and 8 MiB; a budget-*
// file refused allocates almost nothing beyond reading it.
func TestBudgetAllocation(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes every test image")
	}
	in, err := NewInspector(Options{PixelChecks: true})
	require.NoError(t, err)
	for _, path := range imageFiles(t) {
		if raceEnabled && (strings.HasPrefix(filepath.Base(path), "budget-max-") || strings.HasPrefix(filepath.Base(path), "NDM_")) {
			continue // tens of megapixels: too slow under the race detector
		}
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		rep, err := in.Inspect(context.Background(), bytes.NewReader(b), filepath.Base(path), "", Certificate)
		runtime.ReadMemStats(&after)
		require.NoError(t, err)
		got := int64(after.TotalAlloc - before.TotalAlloc)
		reading := 2*int64(len(b)) + 64<<10
		assert.LessOrEqual(t, got, DefaultMaxDecodeBytes+reading+8<<20, path)
		if rep.Scores == nil && strings.HasPrefix(filepath.Base(path), "budget-") {
			assert.LessOrEqual(t, got, reading+1<<20, "%s: not decoded, yet allocated %d", path, got)
		}
	}
}

// rssLimit is the bound on the peak RSS of inspecting any one file.
const rssLimit = 256 << 20

// TestBudgetRSS inspects every hostile file and the largest camera photo
// in a child process each and checks the child's peak resident set size.
// The child reports it from /proc/self/status (VmHWM, of its own address
// space); getrusage's ru_maxrss would also count this process's peak,
// which Linux carries across the vfork and exec that start the child.
func TestBudgetRSS(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("child processes; the race detector's shadow memory would count")
	}
	files, err := filepath.Glob(filepath.Join(hostile, "*"))
	require.NoError(t, err)
	files = append(files, filepath.Join(external, "go-exif", "NDM_8901.jpg"), fullBudgetFile(t))
	for _, path := range files {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBudgetRSSChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "EVIDENCE_RSS_FILE="+path)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		rss := ru.Maxrss << 10 // KiB on Linux; an upper bound, see above
		if _, after, ok := strings.Cut(string(out), "inspected, peak "); ok {
			kb, err := strconv.ParseInt(strings.Fields(after)[0], 10, 64)
			require.NoError(t, err)
			rss = kb << 10
		} else {
			require.Contains(t, string(out), "inspected", "%s", out)
		}
		t.Logf("%s: peak RSS %d MiB, CPU %v", filepath.Base(path), rss>>20,
			time.Duration(ru.Utime.Nano()+ru.Stime.Nano()).Round(time.Millisecond))
		assert.LessOrEqual(t, rss, int64(rssLimit), path)
	}
}

// fullBudgetFile writes the worst case for memory: a file of the size
// limit whose decode takes all of the decode budget, the progressive JPEG of
// budget-max-progressive-gray-5120.jpg padded with comment segments of
// zeros.
func fullBudgetFile(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join(hostile, "budget-max-progressive-gray-5120.jpg"))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "full-budget-10MiB.jpg")
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	_, err = f.Write(b[:2])
	require.NoError(t, err)
	com := append([]byte{0xFF, 0xFE, 0xFF, 0xFF}, make([]byte, 0xFFFD)...)
	for n := 2; n+len(com)+len(b) <= DefaultMaxBytes; n += len(com) {
		_, err = f.Write(com)
		require.NoError(t, err)
	}
	_, err = f.Write(b[2:])
	require.NoError(t, err)
	return path
}

// TestBudgetRSSChild is the child of TestBudgetRSS: it inspects the file
// EVIDENCE_RSS_FILE names with pixel checks, as `realname file -pixels`
// does.
func TestBudgetRSSChild(t *testing.T) {
	path := os.Getenv("EVIDENCE_RSS_FILE")
	if path == "" {
		t.Skip("run by TestBudgetRSS")
	}
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	_, err = Inspect(context.Background(), f, filepath.Base(path), "", Certificate, Options{PixelChecks: true})
	require.NoError(t, err)
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		os.Stdout.WriteString("inspected\n")
		return
	}
	for line := range strings.Lines(string(status)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			os.Stdout.WriteString("inspected, peak " + strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")) + " kB\n")
		}
	}
}
