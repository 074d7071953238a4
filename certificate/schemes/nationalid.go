package schemes

import "github.com/realname-go/realname/certificate"

func nationalIDSchemes() []certificate.Scheme {
	return nil
}
