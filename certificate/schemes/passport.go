package schemes

import (
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/passport"
)

// passportSchemes returns the passport schemes: the generic ICAO document
// number for every region, the PRC formats, and the weakly sourced Hong
// Kong, Macao and Taiwan formats.
func passportSchemes() []certificate.Scheme {
	return passport.Schemes()
}
