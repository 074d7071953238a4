package form

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

// errTooSlow is the error of a body read cut off because the client sent
// less than [Options.MinUploadRate] or did not finish within
// [Options.Timeout]; it answers 408 with [CodeTooSlow].
var errTooSlow = errors.New("form: the upload is too slow")

// bodyReader reads a request body under a moving deadline: the client has
// UploadGrace to start, and every n bytes that arrive move the deadline
// n/MinUploadRate later, but never more than UploadGrace past now (so a
// fast start banks no time for a stall) nor past the end of the request.
// The deadline is the connection's read deadline when the response writer
// supports it ([http.ResponseController]); otherwise each read runs in a
// goroutine that the deadline abandons, closing the body.
type bodyReader struct {
	src    io.Reader
	rc     *http.ResponseController // nil: the fallback
	rate   float64                  // bytes per second
	window time.Duration            // UploadGrace
	end    time.Time                // the request's own deadline
	now    func() time.Time

	deadline time.Time // when the client is too slow
	applied  time.Time // the deadline last set on the connection
	err      error     // sticky: the end of the body or the failure
	tmp      []byte    // the fallback's read buffer
	gone     bool      // the fallback abandoned a read and closed src
}

type readResult struct {
	n   int
	err error
}

// newBodyReader starts the clock of r's body.
func (h *Handler) newBodyReader(w http.ResponseWriter, r *http.Request, end time.Time) *bodyReader {
	b := &bodyReader{
		src:    r.Body,
		rate:   float64(h.opt.MinUploadRate),
		window: h.opt.UploadGrace,
		end:    end,
		now:    time.Now,
	}
	if w != nil {
		rc := http.NewResponseController(w)
		if err := rc.SetReadDeadline(time.Time{}); err == nil {
			b.rc = rc
		}
	}
	b.resume()
	return b
}

// resume gives the client a fresh window: called when reading starts and
// after the handler stopped reading for its own reasons (waiting for a
// buffer, inspecting a file), which are no fault of the client's.
func (b *bodyReader) resume() {
	b.deadline = b.now().Add(b.window)
	if b.deadline.After(b.end) {
		b.deadline = b.end
	}
}

// credit moves the deadline for n bytes received.
func (b *bodyReader) credit(n int) {
	now := b.now()
	d := b.deadline.Add(time.Duration(float64(n) / b.rate * float64(time.Second)))
	if cap := now.Add(b.window); d.After(cap) {
		d = cap
	}
	if d.After(b.end) {
		d = b.end
	}
	b.deadline = d
}

// Read implements [io.Reader].
func (b *bodyReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	var err error
	if b.rc != nil {
		if !b.applied.Equal(b.deadline) {
			if err := b.rc.SetReadDeadline(b.deadline); err != nil {
				b.err = err
				return 0, err
			}
			b.applied = b.deadline
		}
		n, err = b.src.Read(p)
		if err != nil && isTimeout(err) {
			err = errTooSlow
		}
	} else {
		n, err = b.fallbackRead(p)
	}
	if err != nil {
		// The body ended or failed. The server clears the read deadline
		// when the body reaches its end (for its background read), so it
		// is never set again after this.
		b.err = err
		return n, err
	}
	b.credit(n)
	return n, nil
}

// fallbackRead reads in a goroutine into a buffer of its own, abandoned
// when the deadline passes: the body is then closed, which ends a read
// blocked in a pipe or a connection.
func (b *bodyReader) fallbackRead(p []byte) (int, error) {
	if len(p) > 32<<10 {
		p = p[:32<<10]
	}
	if cap(b.tmp) < len(p) {
		b.tmp = make([]byte, len(p))
	}
	tmp := b.tmp[:len(p)]
	wait := b.deadline.Sub(b.now())
	if wait <= 0 {
		return 0, b.abandon()
	}
	done := make(chan readResult, 1)
	go func() {
		n, err := b.src.Read(tmp)
		done <- readResult{n, err}
	}()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case res := <-done:
		copy(p, tmp[:res.n])
		return res.n, res.err
	case <-t.C:
		b.tmp = nil // the goroutine still owns it
		return 0, b.abandon()
	}
}

// abandon closes the body in a goroutine: closing a server's body waits for
// the read in progress.
func (b *bodyReader) abandon() error {
	b.gone = true
	if c, ok := b.src.(io.Closer); ok {
		go c.Close()
	}
	return errTooSlow
}

// Close closes the body, unless the fallback already did.
func (b *bodyReader) Close() error {
	if c, ok := b.src.(io.Closer); ok && !b.gone {
		return c.Close()
	}
	return nil
}

// done ends the reading of the body: with a response controller, the
// connection's read deadline is cleared unless the body already ended
// (when the server owns the deadline again).
func (b *bodyReader) done() {
	if b.rc != nil && b.err == nil && !b.applied.IsZero() {
		_ = b.rc.SetReadDeadline(time.Time{})
	}
	if b.err == nil {
		b.err = io.ErrClosedPipe
	}
}

// isTimeout reports whether err is a read deadline passing.
func isTimeout(err error) bool {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// accounts counts the requests of each account being processed, for
// [Options.MaxRequestsPerAccount].
type accounts struct {
	mu    sync.Mutex
	limit int
	n     map[string]int
}

// enter counts a request of id, or reports false when the account already
// has its limit of requests in progress.
func (a *accounts) enter(id string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n[id] >= a.limit {
		return false
	}
	a.n[id]++
	return true
}

// leave ends a request [accounts.enter] counted.
func (a *accounts) leave(id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n[id] <= 1 {
		delete(a.n, id)
		return
	}
	a.n[id]--
}

// wait blocks until ch takes a token or ctx ends; the body's clock is
// resumed afterwards, the wait being the handler's doing.
func wait(ctx context.Context, ch chan struct{}, b *bodyReader) error {
	defer b.resume()
	select {
	case ch <- struct{}{}:
		return nil
	default:
	}
	select {
	case ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
