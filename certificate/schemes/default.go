package schemes

import "github.com/realname-go/realname/certificate"

// Default returns a new registry with every built-in scheme: PRC numbers and
// permits, national identity numbers, passports and driving licences. Its
// clock is the zero [certificate.Clock]; set another with
// [certificate.Registry.WithClock], which every dated scheme then follows.
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
