package certificate_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/realname-go/realname/certificate"
)

func TestDefaultLocationIsChinaStandardTime(t *testing.T) {
	loc := certificate.DefaultLocation()
	name, offset := time.Date(1990, time.July, 1, 12, 0, 0, 0, loc).Zone()
	assert.Equal(t, "CST", name)
	assert.Equal(t, 8*60*60, offset, "fixed UTC+8, no daylight saving time even in summer 1990")
	assert.Same(t, loc, certificate.DefaultLocation(), "one zone value")
	assert.Same(t, loc, certificate.Clock{}.Zone())
}

func TestClockFixed(t *testing.T) {
	at := time.Date(2019, time.December, 31, 20, 0, 0, 0, time.UTC)
	c := certificate.Clock{Now: func() time.Time { return at }}
	assert.False(t, c.IsZero())
	assert.Equal(t, at, c.Time())
	assert.Equal(t, certificate.Date{Year: 2020, Month: time.January, Day: 1}, c.Today(), "already 1 January in China Standard Time")

	utc := certificate.Clock{Now: c.Now, Location: time.UTC}
	assert.Same(t, time.UTC, utc.Zone())
	assert.Equal(t, certificate.Date{Year: 2019, Month: time.December, Day: 31}, utc.Today(), "still 31 December in UTC")

	assert.False(t, c.IsFuture(certificate.Date{Year: 2020, Month: time.January, Day: 1}), "today is not the future")
	assert.True(t, c.IsFuture(certificate.Date{Year: 2020, Month: time.January, Day: 2}))
	assert.True(t, utc.IsFuture(certificate.Date{Year: 2020, Month: time.January, Day: 1}))
}

// The zero Clock is the system clock in China Standard Time.
func TestClockZero(t *testing.T) {
	var c certificate.Clock
	assert.True(t, c.IsZero())
	assert.True(t, certificate.Clock{Location: certificate.DefaultLocation()}.Today() == c.Today() ||
		certificate.Clock{Location: certificate.DefaultLocation()}.Today() == c.Today().AddDays(1), "the same day, unless midnight passed between the readings")
	before := certificate.DateIn(time.Now(), certificate.DefaultLocation())
	today := c.Today()
	after := certificate.DateIn(time.Now(), certificate.DefaultLocation())
	assert.True(t, !today.Before(before) && !today.After(after), "%v not in [%v, %v]", today, before, after)
	assert.WithinDuration(t, time.Now(), c.Time(), time.Minute)

	assert.False(t, c.IsFuture(certificate.Date{Year: 1949, Month: time.October, Day: 1}))
	assert.False(t, c.IsFuture(today.AddDays(-1)))
	assert.True(t, c.IsFuture(today.AddDays(2)))
	assert.True(t, c.IsFuture(certificate.Date{Year: 9999, Month: time.December, Day: 31}))
	// Asked again after a reading, a past date is still past and a future
	// one still future.
	assert.False(t, c.IsFuture(today.AddDays(-1)))
	assert.True(t, c.IsFuture(today.AddDays(2)))
}
