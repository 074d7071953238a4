package schemes

import (
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
)

// cnSchemes returns the schemes for numbers issued by Chinese authorities,
// with default options.
func cnSchemes() []certificate.Scheme {
	return cn.Schemes(cn.Options{})
}
