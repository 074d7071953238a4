package schemes

import "github.com/realname-go/realname/certificate"

func cnSchemes() []certificate.Scheme {
	return nil
}
