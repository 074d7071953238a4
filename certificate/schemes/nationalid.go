package schemes

import (
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/nationalid"
)

// nationalIDSchemes returns the national identity number schemes of regions
// outside the Chinese mainland.
func nationalIDSchemes() []certificate.Scheme {
	return nationalid.Schemes()
}
