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
// # Smaller binaries
//
// This package imports every family package. A service that needs only one
// family builds its own registry with [certificate.NewRegistry] from that
// package's Schemes function.
package schemes
