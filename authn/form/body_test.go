package form

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestBodyDeadline follows the deadline of a body at 100 B/s with a one
// second window: bytes move it n/rate later, never more than the window
// past now (a fast start banks nothing) nor past the request's end, and a
// resume gives a fresh window.
func TestBodyDeadline(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	now := t0
	b := &bodyReader{rate: 100, window: time.Second, end: t0.Add(10 * time.Second), now: func() time.Time { return now }}
	b.resume()
	assert.Equal(t, t0.Add(time.Second), b.deadline, "the grace period")

	b.credit(1 << 20) // a megabyte at once
	assert.Equal(t, t0.Add(time.Second), b.deadline, "no more than the window ahead")

	now = t0.Add(900 * time.Millisecond)
	b.credit(50)
	assert.Equal(t, t0.Add(1500*time.Millisecond), b.deadline, "50 bytes at 100 B/s: half a second")

	now = t0.Add(1400 * time.Millisecond)
	b.credit(1)
	assert.Equal(t, t0.Add(1510*time.Millisecond), b.deadline, "a trickle barely moves it")

	now = t0.Add(9500 * time.Millisecond)
	b.resume()
	assert.Equal(t, t0.Add(10*time.Second), b.deadline, "never past the request's end")
	b.credit(1000)
	assert.Equal(t, t0.Add(10*time.Second), b.deadline)
}
