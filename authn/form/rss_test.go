package form_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
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

// hostileDir holds the evidence package's generated corpus of files made
// to exhaust a decoder's memory or time (budget-*).
const hostileDir = "../../rules/evidence/testdata/hostile"

// rssSlots is MaxConcurrentFiles in the peak-RSS test.
const rssSlots = 2

// TestPeakRSSUnderHostileFiles runs a form server in a child process with
// MaxConcurrentFiles=2 and the pixel checks on, and submits to it every
// budget-* file of the hostile corpus, plus a 10 MiB file whose decode
// takes the whole decode budget, eight submissions at a time over TCP: the
// child's peak resident set stays within MaxConcurrentFiles × the per-file
// budget + 64 MiB. The per-file budget is what one inspection may hold:
// the decode budget (evidence.Options.MaxDecodeBytes), the inspector's read
// buffer and the handler's buffer of the file (each the size limit plus
// one byte). The child runs as a server with a memory budget should, with
// GOMEMLIMIT (here MaxConcurrentFiles × MaxDecodeBytes − 64 MiB): without
// it the collector lets garbage grow as large as the live heap before it
// runs, and the peak depends on when it ran rather than on the handler's
// limits (455 to 521 MiB measured; 305 to 354 MiB with GOMEMLIMIT at
// MaxConcurrentFiles × MaxDecodeBytes).

func TestPeakRSSUnderHostileFiles(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a child process decoding hostile files; the race detector's shadow memory would count")
	}
	all := hostileFiles(t)
	opts := evidenceOptions(t)
	// The soft memory limit leaves 64 MiB for what the runtime holds
	// beside the heap and for an allocation in flight when the collector
	// is due.
	limit := rssSlots*opts.MaxDecodeBytes - 64<<20
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakRSSChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "FORM_RSS_CHILD=1", "GOMEMLIMIT="+strconv.FormatInt(limit, 10))
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stdout)
	require.True(t, lines.Scan(), "the child's address: %s", stderr.String())
	addr, ok := strings.CutPrefix(lines.Text(), "listening ")
	require.True(t, ok, "%s %s", lines.Text(), stderr.String())

	app, err := authntest.Application(authntest.Options{Seed: 90})
	require.NoError(t, err)
	work := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				c, h := all[i], all[(i+1)%len(all)]
				body, ct, err := authntest.Form(authntest.FormFields(app),
					authntest.FormFile{Field: form.PartCertificate, Name: c.name, ContentType: contentType(c.name), Body: bytes.NewReader(c.b)},
					authntest.FormFile{Field: form.PartHandheld, Name: h.name, ContentType: contentType(h.name), Body: bytes.NewReader(h.b)})
				if !assert.NoError(t, err) {
					continue
				}
				r, err := http.NewRequest(http.MethodPost, "http://"+addr+"/authn", body)
				if !assert.NoError(t, err) {
					continue
				}
				r.Header.Set("Content-Type", ct)
				r.Header.Set("X-Account", fmt.Sprintf("rss-%d", i))
				resp, err := http.DefaultClient.Do(r)
				if !assert.NoError(t, err) {
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mu.Lock()
				statuses[resp.StatusCode]++
				mu.Unlock()
			}
		}()
	}
	for i := range all {
		work <- i
	}
	close(work)
	wg.Wait()
	require.NoError(t, stdin.Close())
	var rest strings.Builder
	for lines.Scan() {
		rest.WriteString(lines.Text() + "\n")
	}
	require.NoError(t, cmd.Wait(), "%s %s", rest.String(), stderr.String())
	assert.Zero(t, statuses[http.StatusServiceUnavailable], "no submission ran out of time: %v", statuses)
	assert.Equal(t, len(all), statuses[http.StatusAccepted]+statuses[http.StatusUnprocessableEntity], "every submission judged: %v", statuses)

	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	rss := ru.Maxrss << 10 // KiB on Linux
	perFile := opts.MaxDecodeBytes + 2*(opts.MaxBytes+1)
	bound := rssSlots*perFile + 64<<20
	t.Logf("%d hostile files (one of 10 MiB taking the whole decode budget) in %d submissions, 8 at a time, %d inspection slots, GOMEMLIMIT %d MiB: statuses %v; server peak RSS %d MiB (%s), bound %d × %d MiB + 64 MiB = %d MiB; CPU %v",
		len(all), len(all), rssSlots, limit>>20, statuses, rss>>20, strings.TrimSpace(rest.String()), rssSlots, perFile>>20, bound>>20,
		time.Duration(ru.Utime.Nano()+ru.Stime.Nano()).Round(time.Millisecond))
	assert.LessOrEqual(t, rss, bound)
}

type namedFile struct {
	name string
	b    []byte
}

// hostileFiles returns the budget-* files of the hostile corpus and a 10
// MiB JPEG whose decode takes the whole decode budget.
func hostileFiles(t testing.TB) []namedFile {
	files, err := filepath.Glob(filepath.Join(hostileDir, "budget-*"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "the hostile corpus of rules/evidence")
	var all []namedFile
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		all = append(all, namedFile{filepath.Base(f), b})
	}
	full, err := os.ReadFile(filepath.Join(hostileDir, "budget-max-progressive-gray-5120.jpg"))
	require.NoError(t, err)
	return append(all, namedFile{"full-budget-10MiB.jpg", padJPEG(full, evidenceOptions(t).MaxBytes)})
}

// evidenceOptions are the default evidence options, defaults filled in.
func evidenceOptions(t testing.TB) evidence.Options {
	v, err := authn.NewVerifier()
	require.NoError(t, err)
	return v.EvidenceOptions()
}

// TestPeakRSSChild is the server of TestPeakRSSUnderHostileFiles: it
// prints its address, serves until its standard input closes, then prints
// its peak RSS.
func TestPeakRSSChild(t *testing.T) {
	if os.Getenv("FORM_RSS_CHILD") == "" {
		t.Skip("run by TestPeakRSSUnderHostileFiles")
	}
	p := authn.DefaultPolicy()
	p.Evidence.PixelChecks = true
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}), authn.WithPolicy(p))
	require.NoError(t, err)
	s := newServer(t, func(o *form.Options) {
		o.Verifier = v
		o.MaxConcurrentFiles = rssSlots
		o.Timeout = 10 * time.Minute
		o.UploadGrace = time.Minute
	})
	fmt.Printf("listening %s\n", s.srv.Listener.Addr())
	_, _ = io.Copy(io.Discard, os.Stdin)
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "VmHWM:") {
				fmt.Println(l)
			}
		}
	}
}

// padJPEG returns the JPEG b padded with zero-filled comment segments to
// about size bytes: the same decode, a file at the size limit.
func padJPEG(b []byte, size int64) []byte {
	out := append([]byte{}, b[:2]...)
	com := append([]byte{0xFF, 0xFE, 0xFF, 0xFF}, make([]byte, 0xFFFD)...)
	for int64(len(out)+len(com)+len(b)) <= size {
		out = append(out, com...)
	}
	return append(out, b[2:]...)
}

func contentType(name string) string {
	switch filepath.Ext(name) {
	case ".png":
		return "image/png"
	case ".bmp":
		return "image/bmp"
	}
	return "image/jpeg"
}
