package schemes

import (
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
)

// driverLicenseSchemes returns the driving-licence schemes: UK (GB), the US
// jurisdictions (US-XX), a refusal for the Chinese mainland (CN) and a
// generic scheme for every other region.
func driverLicenseSchemes() []certificate.Scheme {
	return driverlicense.Schemes()
}
