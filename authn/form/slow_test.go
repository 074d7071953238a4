package form_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/certificate"
)

// server is a form handler behind a real net/http server.
type server struct {
	h       *form.Handler
	srv     *httptest.Server
	entered atomic.Int64 // requests the handler began
}

func newServer(t testing.TB, opts ...func(*form.Options)) *server {
	t.Helper()
	s := &server{}
	s.h, _ = newHandler(t, opts...)
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.entered.Add(1)
		s.h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// submit posts a body over TCP and returns the answer, its decoded problem
// (when it is one) and how long it took.
func (s *server) submit(t testing.TB, body []byte, ct, account string) (*http.Response, []byte, time.Duration) {
	t.Helper()
	r, err := http.NewRequest(http.MethodPost, s.srv.URL+"/authn", bytes.NewReader(body))
	require.NoError(t, err)
	r.Header.Set("Content-Type", ct)
	r.Header.Set("X-Account", account)
	start := time.Now()
	resp, err := s.srv.Client().Do(r)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b, time.Since(start)
}

// slowAnswer is what a slow client got back.
type slowAnswer struct {
	status int
	code   string
	close  bool // the answer closes the connection
	sent   int  // bytes of the trickle sent before the answer
	err    error
}

// slowPrefix is the start of a submission whose certificate file part has
// begun with n bytes of a PNG: a trickling client is inside a file part.
func slowPrefix(n int) []byte {
	var b bytes.Buffer
	b.WriteString("--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n张三\r\n")
	b.WriteString("--XyZ\r\nContent-Disposition: form-data; name=\"certificate\"; filename=\"card.png\"\r\nContent-Type: image/png\r\n\r\n")
	b.WriteString("\x89PNG\r\n\x1a\n")
	b.Write(bytes.Repeat([]byte{'A'}, max(0, n-8)))
	return b.Bytes()
}

// slowClient sends the headers of a 2 MB submission and prefix over its own
// connection, then one byte every interval until the server answers or stop
// is closed. The answer arrives on the returned channel.
func (s *server) slowClient(t testing.TB, account string, prefix []byte, every time.Duration, stop <-chan struct{}) <-chan slowAnswer {
	t.Helper()
	conn, err := net.Dial("tcp", s.srv.Listener.Addr().String())
	require.NoError(t, err)
	head := fmt.Sprintf("POST /authn HTTP/1.1\r\nHost: form\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: %d\r\nX-Account: %s\r\nAccept-Language: en\r\n\r\n", 2<<20, account)
	_, err = conn.Write(append([]byte(head), prefix...))
	require.NoError(t, err)
	out := make(chan slowAnswer, 1)
	var sent atomic.Int64
	answered := make(chan struct{})
	go func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				conn.Close()
				return
			case <-answered:
				return
			case <-tick.C:
				if _, err := conn.Write([]byte{'A'}); err != nil {
					return
				}
				sent.Add(1)
			}
		}
	}()
	go func() {
		defer close(answered)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			out <- slowAnswer{err: err, sent: int(sent.Load())}
			return
		}
		var p form.Problem
		_ = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		conn.Close()
		out <- slowAnswer{status: resp.StatusCode, code: string(p.Code), close: resp.Close, sent: int(sent.Load())}
	}()
	return out
}

// awaitEntered waits until the handler began n requests.
func (s *server) awaitEntered(t testing.TB, n int64) {
	t.Helper()
	require.Eventually(t, func() bool { return s.entered.Load() >= n }, time.Minute, 5*time.Millisecond, "the slow clients reach the handler")
}

// validSubmission returns a body of two valid images and its content type.
func validSubmission(t testing.TB, seed uint64) ([]byte, string) {
	t.Helper()
	body, ct, _ := validBody(t, seed, nil)
	b, err := io.ReadAll(body)
	require.NoError(t, err)
	return b, ct
}

// TestSlowClientsDoNotBlockSubmissions connects 8 clients that send one
// byte every two seconds inside their certificate file part, with only two
// inspection and two upload slots, then submits a normal form: it is
// accepted (202), not left waiting for a slot or answered 503, and the
// slow clients are cut off with 408 and form.too_slow after the grace
// period. Before, the trickling clients held every inspection slot and the
// submission got 503 when its time ran out.
func TestSlowClientsDoNotBlockSubmissions(t *testing.T) {
	s := newServer(t, func(o *form.Options) {
		o.MaxConcurrentFiles = 2
		o.MaxConcurrentUploads = 2
		o.UploadGrace = 3 * time.Second
		o.Timeout = 30 * time.Second
	})
	body, ct := validSubmission(t, 80)
	stop := make(chan struct{})
	defer close(stop)
	var slow []<-chan slowAnswer
	for i := range 8 {
		slow = append(slow, s.slowClient(t, fmt.Sprintf("slow-%d", i), slowPrefix(1000), 2*time.Second, stop))
	}
	s.awaitEntered(t, 8)

	resp, b, took := s.submit(t, body, ct, "normal")
	require.Equal(t, http.StatusAccepted, resp.StatusCode, string(b))
	inspections, uploads := form.SlotsInUse(s.h)
	assert.Zero(t, inspections, "no slot held by the trickling clients")
	assert.Zero(t, uploads, "no upload slot held by the trickling clients")
	stillConnected := 0
	for _, c := range slow {
		if len(c) == 0 {
			stillConnected++
		}
	}
	t.Logf("normal submission answered in %v with %d of 8 slow clients still connected", took.Round(time.Millisecond), stillConnected)

	for i, c := range slow {
		a := <-c
		require.NoError(t, a.err, "slow client %d", i)
		assert.Equal(t, http.StatusRequestTimeout, a.status, "slow client %d", i)
		assert.Equal(t, string(form.CodeTooSlow), a.code, "slow client %d", i)
		assert.True(t, a.close, "slow client %d: Connection: close", i)
	}
}

// TestTrickleTakesNoSlot samples the handler's slots while a client
// trickles a file: neither an inspection slot nor an upload slot is ever
// taken, though the handler has only one of each. The trickler gets 408,
// and a normal submission afterwards is accepted.
func TestTrickleTakesNoSlot(t *testing.T) {
	s := newServer(t, func(o *form.Options) {
		o.MaxConcurrentFiles = 1
		o.MaxConcurrentUploads = 1
		o.UploadGrace = time.Second
	})
	stop := make(chan struct{})
	defer close(stop)
	slow := s.slowClient(t, "trickle", slowPrefix(form.InitialFileBuffer/2), 50*time.Millisecond, stop)
	s.awaitEntered(t, 1)

	var samples, taken atomic.Int64
	done, answered := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-answered:
				return
			case <-tick.C:
			}
			samples.Add(1)
			if i, u := form.SlotsInUse(s.h); i+u > 0 {
				taken.Add(1)
			}
		}
	}()
	a := <-slow
	close(answered)
	<-done
	require.NoError(t, a.err)
	assert.Equal(t, http.StatusRequestTimeout, a.status)
	assert.Equal(t, string(form.CodeTooSlow), a.code)
	assert.Positive(t, a.sent, "the client was sending")
	assert.Positive(t, samples.Load())
	assert.Zero(t, taken.Load(), "a slot was taken while bytes trickled (%d samples)", samples.Load())

	body, ct := validSubmission(t, 81)
	resp, b, _ := s.submit(t, body, ct, "after")
	require.Equal(t, http.StatusAccepted, resp.StatusCode, string(b))
}

// TestStalledUploadReleasesItsSlot: a client that sends more than the
// initial buffer at once and then stalls takes the only upload slot; a
// normal submission waits for it, and gets its answer once the staller is
// cut off after the grace period.
func TestStalledUploadReleasesItsSlot(t *testing.T) {
	s := newServer(t, func(o *form.Options) {
		o.MaxConcurrentUploads = 1
		o.UploadGrace = 500 * time.Millisecond
	})
	body, ct := validSubmission(t, 82)
	stop := make(chan struct{})
	defer close(stop)
	slow := s.slowClient(t, "staller", slowPrefix(4*form.InitialFileBuffer), time.Hour, stop)
	require.Eventually(t, func() bool { _, u := form.SlotsInUse(s.h); return u == 1 }, time.Minute, time.Millisecond, "the staller holds the upload slot")

	resp, b, _ := s.submit(t, body, ct, "waiting")
	require.Equal(t, http.StatusAccepted, resp.StatusCode, string(b))
	a := <-slow
	require.NoError(t, a.err)
	assert.Equal(t, http.StatusRequestTimeout, a.status)
	assert.Equal(t, string(form.CodeTooSlow), a.code)
	_, u := form.SlotsInUse(s.h)
	assert.Zero(t, u)
}

// TestSteadyUploadNotCutOff sends a submission at 500 B/s, over three times
// the minimum rate, for longer than the grace period: it is read to its
// end and judged (422, no files), never cut off.
func TestSteadyUploadNotCutOff(t *testing.T) {
	s := newServer(t, func(o *form.Options) {
		o.MinUploadRate = 150
		o.UploadGrace = 1500 * time.Millisecond
	})
	body, ct := raw(field("name", strings.Repeat("张", 300)), field("kind", "id_card"), field("number", strings.Repeat("1", 60)))
	b, err := io.ReadAll(body)
	require.NoError(t, err)
	r, err := http.NewRequest(http.MethodPost, s.srv.URL+"/authn", &paced{b: b, chunk: 50, every: 100 * time.Millisecond})
	require.NoError(t, err)
	r.ContentLength = int64(len(b))
	r.Header.Set("Content-Type", ct)
	r.Header.Set("X-Account", "steady")
	resp, err := s.srv.Client().Do(r)
	require.NoError(t, err)
	defer resp.Body.Close()
	var p form.Problem
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&p))
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, "%+v", p)
	assert.Equal(t, form.CodeInvalid, p.Code)
	require.Greater(t, len(b), 1000, "at 500 B/s, longer than the grace period")
}

// paced is a body that gives chunk bytes every interval.
type paced struct {
	b     []byte
	chunk int
	every time.Duration
	begun bool
}

func (p *paced) Read(b []byte) (int, error) {
	if len(p.b) == 0 {
		return 0, io.EOF
	}
	if p.begun {
		time.Sleep(p.every)
	}
	p.begun = true
	n := copy(b[:min(len(b), p.chunk)], p.b)
	p.b = p.b[n:]
	return n, nil
}

// TestBodyMustArriveWithinTimeout: a client sending faster than the
// minimum rate but not done when Options.Timeout ends gets 408.
func TestBodyMustArriveWithinTimeout(t *testing.T) {
	s := newServer(t, func(o *form.Options) {
		o.MinUploadRate = 1
		o.UploadGrace = time.Minute
		o.Timeout = 500 * time.Millisecond
	})
	stop := make(chan struct{})
	defer close(stop)
	a := <-s.slowClient(t, "long", slowPrefix(100), 20*time.Millisecond, stop)
	require.NoError(t, a.err)
	assert.Equal(t, http.StatusRequestTimeout, a.status)
	assert.Equal(t, string(form.CodeTooSlow), a.code)
}

// TestSlowWithoutDeadlines: with a response writer that has no read
// deadlines (httptest.ResponseRecorder, or none at all), a timer ends the
// trickling body instead, closing it, and the answer is the same 408.
func TestSlowWithoutDeadlines(t *testing.T) {
	h, _ := newHandler(t, func(o *form.Options) { o.UploadGrace = 200 * time.Millisecond })
	for _, recorder := range []bool{true, false} {
		t.Run(fmt.Sprintf("recorder=%v", recorder), func(t *testing.T) {
			pr, pw := io.Pipe()
			stop := make(chan struct{})
			go func() {
				if _, err := pw.Write(slowPrefix(100)); err != nil {
					return
				}
				tick := time.NewTicker(100 * time.Millisecond)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						pw.Close()
						return
					case <-tick.C:
						if _, err := pw.Write([]byte{'A'}); err != nil {
							return // closed by the handler
						}
					}
				}
			}()
			defer close(stop)
			r := httptest.NewRequest(http.MethodPost, "/authn", pr)
			r.Header.Set("Content-Type", "multipart/form-data; boundary=XyZ")
			r.Header.Set("X-Account", "pipe")
			r.Header.Set("Accept-Language", "zh-CN")
			var w http.ResponseWriter
			if recorder {
				w = httptest.NewRecorder()
			}
			out := h.Process(w, r)
			require.Equal(t, http.StatusRequestTimeout, out.HTTPStatus, "%+v", out.Problem)
			assert.Equal(t, form.CodeTooSlow, out.Problem.Code)
			assert.Equal(t, "上传速度过慢，已被中止：每秒至少需要 16 KB。请检查网络连接后重新提交表单。", out.Problem.Detail)
			// The read the timer abandoned may take one more byte.
			assert.Eventually(t, func() bool {
				_, err := pw.Write([]byte{'A'})
				return errors.Is(err, io.ErrClosedPipe)
			}, time.Minute, time.Millisecond, "the body was closed")
		})
	}
}

// TestRequestsPerAccount: with one request per account, a second request of
// the account while the first is still being read answers 429 with
// Retry-After, another account is served, and the account is served again
// once its first request ended.
func TestRequestsPerAccount(t *testing.T) {
	s := newServer(t, func(o *form.Options) {
		o.MaxRequestsPerAccount = 1
		o.UploadGrace = time.Hour
	})
	body, ct := validSubmission(t, 83)
	hangUp := make(chan struct{})
	first := s.slowClient(t, "busy", slowPrefix(100), 100*time.Millisecond, hangUp)
	s.awaitEntered(t, 1)

	resp, b, _ := s.submit(t, body, ct, "busy")
	require.Equal(t, http.StatusTooManyRequests, resp.StatusCode, string(b))
	assert.Equal(t, "5", resp.Header.Get("Retry-After"))
	var p form.Problem
	require.NoError(t, json.Unmarshal(b, &p))
	assert.Equal(t, form.CodeTooManyRequests, p.Code)
	assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))

	resp, b, _ = s.submit(t, body, ct, "other")
	require.Equal(t, http.StatusAccepted, resp.StatusCode, string(b))

	close(hangUp) // the first request ends when its client goes away
	<-first
	require.Eventually(t, func() bool {
		resp, _, _ := s.submit(t, body, ct, "busy")
		return resp.StatusCode != http.StatusTooManyRequests
	}, time.Minute, 10*time.Millisecond)
	resp, b, _ = s.submit(t, body, ct, "busy")
	require.Equal(t, http.StatusConflict, resp.StatusCode, "the submission that got through opened a case: %s", b)
}

// TestRequestsPerAccountConcurrent sends 8 requests of one account at once
// through Process with a limit of 2: the account never has more than two
// in progress, and the others answer 429.
func TestRequestsPerAccountConcurrent(t *testing.T) {
	h, _ := newHandler(t, func(o *form.Options) { o.UploadGrace = time.Hour })
	var wg sync.WaitGroup
	codes := make(chan int, 8)
	var writers []*io.PipeWriter
	var readers []*io.PipeReader
	for range 8 {
		pr, pw := io.Pipe()
		writers, readers = append(writers, pw), append(readers, pr)
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := httptest.NewRequest(http.MethodPost, "/authn", pr)
			r.Header.Set("Content-Type", "multipart/form-data; boundary=XyZ")
			r.Header.Set("X-Account", "one")
			codes <- h.Process(nil, r).HTTPStatus
		}()
	}
	// The 429s answer without reading; two requests wait for their body.
	got := map[int]int{}
	for range 6 {
		got[<-codes]++
	}
	assert.Equal(t, map[int]int{http.StatusTooManyRequests: 6}, got)
	for _, pw := range writers {
		go func() {
			_, _ = pw.Write([]byte("--XyZ--\r\n"))
			pw.Close()
		}()
	}
	wg.Wait()
	for _, pr := range readers {
		pr.Close() // the bodies nobody read
	}
	close(codes)
	for c := range codes {
		assert.Equal(t, http.StatusUnprocessableEntity, c, "an empty form is judged")
	}
}

// BenchmarkSubmitUnderSlowClients measures the answer time of a normal
// submission (two valid images, 202) over TCP while 8 clients sending one
// byte every two seconds are connected, with the default slots.
func BenchmarkSubmitUnderSlowClients(b *testing.B) {
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock})) // no binding store: one card for every account
	require.NoError(b, err)
	s := newServer(b, func(o *form.Options) {
		o.Verifier = v
		o.UploadGrace = 10 * time.Minute
		o.Timeout = 20 * time.Minute
	})
	stop := make(chan struct{})
	defer close(stop)
	for i := range 8 {
		s.slowClient(b, fmt.Sprintf("slow-%d", i), slowPrefix(1000), 2*time.Second, stop)
	}
	s.awaitEntered(b, 8)
	body, ct := validSubmission(b, 84)
	b.ReportAllocs()
	var worst time.Duration
	n := 0
	for b.Loop() {
		resp, out, took := s.submit(b, body, ct, fmt.Sprintf("bench-%d", n))
		if resp.StatusCode != http.StatusAccepted {
			b.Fatalf("%d %s", resp.StatusCode, out)
		}
		worst = max(worst, took)
		n++
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
}
