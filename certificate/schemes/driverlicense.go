package schemes

import "github.com/realname-go/realname/certificate"

func driverLicenseSchemes() []certificate.Scheme {
	return nil
}
