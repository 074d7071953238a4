// Package certificate holds the value types shared by every identity document
// the library understands: the [Kind] of certificate, the [Number] printed on
// it, calendar [Date] values, the [Validity] period, and the [Scheme] and
// [Registry] that turn typed text into a [Parsed] number.
//
// # Layers
//
// This package does no I/O and imports nothing else from the module. Number
// formats live in subpackages, one per family (PRC numbers and permits,
// machine-readable zones, national identity numbers, driving licences), and
// certtest provides deterministic generators for users' tests.
//
// # Today
//
// A [Clock] tells the time and the zone whose calendar dates are compared;
// the zero Clock is the system clock in China Standard Time (UTC+8, see
// [DefaultLocation]). It is the only place in these packages that reads the
// system clock. Schemes that judge a number against today's date implement
// [DatedScheme] (or [RegionalDatedScheme]) and take the date as an argument;
// [Registry.WithClock] sets the clock a registry gives them, and
// [Registry.ParseOn] gives one call a date of its own.
//
// # Errors
//
// A number that does not parse is reported with a [*NumberError] whose reason
// is one of four sentinels, after python-stdnum: [ErrLength], [ErrFormat],
// [ErrChecksum] and [ErrComponent]. Match them with [errors.Is]. Messages never
// repeat the full number: it is masked with [Mask].
//
// # Personal data
//
// [Number.String], [Number.LogValue] and [Number.MarshalText] print the number
// masked (for example 1101**********002X), and so does package fmt with every
// verb, %#v included ([Number.GoString]); a [*NumberError] and a [Revealed]
// number print masked too. Call [Number.Canonical] or [Number.Reveal] when the
// full number is really needed.
package certificate
