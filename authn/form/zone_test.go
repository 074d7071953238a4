package form_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/mrzread"
	"github.com/realname-go/realname/rules/precaution"
)

// zoneHandler is a form handler whose verifier reads the zone of the
// certificate image (authn.WithZoneReader); document, when set, is what the
// site's OCR read.
func zoneHandler(t *testing.T, document *precaution.Document) *form.Handler {
	t.Helper()
	r, err := mrzread.New(mrzread.Options{Clock: certificate.Clock{Now: clock}})
	require.NoError(t, err)
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}), authn.WithZoneReader(r))
	require.NoError(t, err)
	o := form.Options{
		Verifier: v,
		Account: func(r *http.Request) (precaution.Account, error) {
			return precaution.Account{ID: r.Header.Get("X-Account"), RegistrationRegion: language.MustParseRegion("CN")}, nil
		},
	}
	if document != nil {
		o.Document = func(context.Context, *form.Submission) (precaution.Document, error) { return *document, nil }
	}
	h, err := form.New(o)
	require.NoError(t, err)
	return h
}

// TestZoneNameMismatchOnNameField posts 李四 with a photo of 张三's passport
// (examples/realname/testdata/zone/zhangsan.png, its zone rendered in
// OCR-B): the problem puts the mismatch on the "name" field, where the page
// shows it next to the name input, whether the site has an OCR service or
// not.
func TestZoneNameMismatchOnNameField(t *testing.T) {
	passport, err := os.ReadFile(filepath.Join("..", "..", "examples", "realname", "testdata", "zone", "zhangsan.png"))
	require.NoError(t, err)
	ocr := precaution.Document{Source: precaution.SourceOCR, Kind: certificate.Passport, Number: "E12345678", Name: "李四",
		Validity: certificate.Validity{Expires: certificate.Date{Year: 2034, Month: 1, Day: 1}}, IssuingState: "CHN"}
	for i, tc := range []struct {
		reason   string
		document *precaution.Document
		code     string
	}{
		{"no OCR: the zone is the document", nil, "claim.name_mismatch"},
		{"the OCR read 李四, the zone 张三", &ocr, "zone.name_mismatch"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			fields := []string{"name", "李四", "kind", "passport", "region", "CN", "number", "E12345678", "expires", "2034-01-01"}
			files := []authntest.FormFile{
				{Field: "certificate", Name: "passport.png", ContentType: "image/png", Body: bytes.NewReader(passport)},
				{Field: "handheld", Name: "holding.png", ContentType: "image/png", Body: bytes.NewReader(authntest.HandheldPNG(uint64(400 + i)))},
			}
			body, ct, err := authntest.Form(fields, files...)
			require.NoError(t, err)
			w := post(zoneHandler(t, tc.document), body, ct, fmt.Sprintf("acct-zone-%d", i), "zh-CN")
			require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
			p := decodeProblem(t, w)
			var found bool
			for _, v := range p.Violations {
				if v.Code == tc.code {
					found = true
					assert.Equal(t, "name", v.Field, "shown next to the name field")
					assert.Contains(t, v.Message, "姓名", "in the applicant's language")
				}
			}
			assert.True(t, found, "%s in %+v", tc.code, p.Violations)
		})
	}
}
