package precaution_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// ukLicence is an application with the driver number of the DVLA leaflet
// example, MORGA657054SM9IJ (INF leaflet, reproduced at
// uk-official-document.com): surname MORGAN, born 5 July 1964 (month 57 is
// July plus 50 for a woman), initials S M.
func ukLicence(edit func(*precaution.Application)) precaution.Application {
	a := precaution.Application{
		Account: precaution.Account{RegistrationRegion: region("GB")},
		Claim:   precaution.Claim{Name: "Sarah Meredyth Morgan", Kind: certificate.DriverLicense, Region: "GB", Number: "morga 657054 sm9ij"},
		Document: precaution.Document{
			Kind:       certificate.DriverLicense,
			Surname:    "Morgan",
			GivenNames: "Sarah Meredyth",
			Birth:      date(1964, 7, 5),
			Sex:        certificate.Female,
		},
	}
	if edit != nil {
		edit(&a)
	}
	return a
}

func TestDVLAMatches(t *testing.T) {
	tests := []struct {
		reason string
		app    precaution.Application
		want   []string
		review []bool
	}{
		{"every encoded part matches the document", ukLicence(nil), nil, nil},
		{"the region may come from the document", ukLicence(func(a *precaution.Application) {
			a.Claim.Region = ""
			a.Document.IssuingRegion = region("GB")
		}), nil, nil},
		{"a GB subdivision is the UK licence", ukLicence(func(a *precaution.Application) { a.Claim.Region = "GB-WLS" }), nil, nil},
		{"another surname asks for review", ukLicence(func(a *precaution.Application) { a.Document.Surname = "Jones" }),
			[]string{"driverlicense.surname_mismatch"}, []bool{true}},
		{"other initials ask for review", ukLicence(func(a *precaution.Application) { a.Document.GivenNames = "Anne" }),
			[]string{"driverlicense.initials_mismatch"}, []bool{true}},
		{"another birth date rejects", ukLicence(func(a *precaution.Application) { a.Document.Birth = date(1964, 7, 6) }),
			[]string{"driverlicense.birth_date_mismatch"}, []bool{false}},
		{"another sex rejects", ukLicence(func(a *precaution.Application) { a.Document.Sex = certificate.Male }),
			[]string{"driverlicense.sex_mismatch"}, []bool{false}},
		{"fields the document lacks are not compared", ukLicence(func(a *precaution.Application) { a.Document = precaution.Document{} }), nil, nil},
		{"an invalid number is left to ValidNumber", ukLicence(func(a *precaution.Application) { a.Claim.Number = "MORGA627054SM9IJ" }), nil, nil},
		{"a licence of another region is not judged", ukLicence(func(a *precaution.Application) {
			a.Claim.Region = "IE"
			a.Document.Surname = "Jones"
		}), nil, nil},
		{"another kind is not judged", ukLicence(func(a *precaution.Application) {
			a.Claim.Kind = certificate.Passport
			a.Document.Surname = "Jones"
		}), nil, nil},
	}
	r := precaution.DVLAMatches()
	for _, tt := range tests {
		vs := check(t, r, tt.app)
		if tt.want == nil {
			assert.Empty(t, vs, tt.reason)
			continue
		}
		assert.Equal(t, tt.want, codes(vs), tt.reason)
		for i, v := range vs {
			assert.Equal(t, "claim.number", v.Field, tt.reason)
			assert.NotContains(t, v.Param("number"), "657054", tt.reason+": the number is masked")
			if i < len(tt.review) {
				assert.Equal(t, tt.review[i], v.Severity == rules.Review, tt.reason)
			}
		}
	}
}

func TestDVLAMatchesCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := precaution.DVLAMatches().Check(ctx, ukLicence(nil))
	assert.Error(t, err, "a cancelled context is an infrastructure error")
}
