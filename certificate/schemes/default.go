// Package schemes assembles the module's number schemes into the default
// [certificate.Registry]. It imports every family package, so a service that
// needs only one family can build its own registry from that package instead.
package schemes

import "github.com/realname-go/realname/certificate"

// Default returns a new registry with every built-in scheme: PRC numbers and
// permits, national identity numbers, passports and driving licences.
func Default() certificate.Registry {
	var all []certificate.Scheme
	for _, part := range [][]certificate.Scheme{
		cnSchemes(),
		nationalIDSchemes(),
		passportSchemes(),
		driverLicenseSchemes(),
	} {
		all = append(all, part...)
	}
	// Replace, not With: the built-in lists are disjoint by construction and
	// Default must not fail.
	return certificate.Registry{}.Replace(all...)
}
