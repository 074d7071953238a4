// Package schemes assembles the module's number schemes into the default
// [certificate.Registry].
//
// # Default registry
//
// [Default] returns a new registry with every built-in scheme: the PRC
// identity card, residence permits and travel permits (package
// certificate/cn), national identity numbers of other regions (package
// certificate/nationalid), passports (package certificate/passport) and
// driving licences (package certificate/driverlicense), each with its zero
// options. The registry is a value: callers add schemes with
// [certificate.Registry.With] or replace them with
// [certificate.Registry.Replace] without affecting anyone else.
//
// # Today's date
//
// Some schemes judge a number against today's date: the PRC identity card and
// the residence permits refuse a birth date after today, and the national
// identity numbers of MY, ID, IT, ZA and the short Swedish form place a
// two-digit birth year in its century. They are [certificate.DatedScheme]
// values, and the registry gives them its clock's date: the zero
// [certificate.Clock] of [Default] is the system clock in China Standard
// Time, and
//
//	reg := schemes.Default().WithClock(certificate.Clock{Now: now, Location: loc})
//
// makes every dated scheme judge by now in loc. [certificate.Registry.ParseOn]
// gives one call a date of its own. The clock is read only for dated
// schemes.
//
// # Smaller binaries
//
// This package imports every family package. A service that needs only one
// family builds its own registry with [certificate.NewRegistry] from that
// package's Schemes function.
package schemes
