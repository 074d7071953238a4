package schemes

import "github.com/realname-go/realname/certificate"

func passportSchemes() []certificate.Scheme {
	return nil
}
