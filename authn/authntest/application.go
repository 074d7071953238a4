package authntest

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/certtest"
	"github.com/realname-go/realname/rules/precaution"
)

// Options vary the application [Application] makes. The zero value gives a
// PRC identity card of a person born on 1990-03-07, issued 2020-05-01 and
// valid until 2040-05-01 (20 years, right for a holder aged 30).
type Options struct {
	// Seed varies the number and the images.
	Seed uint64
	// Account is the account ID (default "account-<seed>").
	Account string
	// Name is the name typed and printed (default 张三).
	Name string
	// Birth is the holder's birth date.
	Birth certificate.Date
	// Issued and Expires are the validity dates.
	Issued, Expires certificate.Date
}

func (o *Options) defaults() {
	if o.Account == "" {
		o.Account = fmt.Sprintf("account-%d", o.Seed)
	}
	if o.Name == "" {
		o.Name = "张三"
	}
	if o.Birth.IsZero() {
		o.Birth = certificate.Date{Year: 1990, Month: time.March, Day: 7}
	}
	if o.Issued.IsZero() {
		o.Issued = certificate.Date{Year: 2020, Month: time.May, Day: 1}
	}
	if o.Expires.IsZero() {
		o.Expires = o.Issued.AddYears(20)
	}
}

// Application returns an application that [authn.DefaultPolicy] accepts on
// dates between Issued and Expires: a CN account, a PRC Resident Identity
// Card number from [certtest.CNResidentID], matching typed and read data,
// and the two images.
func Application(o Options) (*authn.Application, error) {
	o.defaults()
	number, err := certtest.CNResidentID(o.Seed, o.Birth, certificate.Male, "110105")
	if err != nil {
		return nil, err
	}
	cert, hand := CertificatePNG(o.Seed), HandheldPNG(o.Seed)
	return &authn.Application{
		Account: precaution.Account{ID: o.Account, RegistrationRegion: language.MustParseRegion("CN")},
		Claim:   precaution.Claim{Name: o.Name, Kind: certificate.IDCard, Region: "CN", Number: number},
		Document: precaution.Document{
			Source: precaution.SourceOCR,
			Kind:   certificate.IDCard, Number: number, Name: o.Name, Birth: o.Birth, Sex: certificate.Male,
			Validity: certificate.Validity{Issued: o.Issued, Expires: o.Expires},
		},
		Certificate: authn.Evidence{Name: "card.png", ContentType: "image/png", Open: opener(cert)},
		Handheld:    authn.Evidence{Name: "holding.png", ContentType: "image/png", Open: opener(hand)},
	}, nil
}

func opener(b []byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
}

// FormFile is one file part of a [Form].
type FormFile struct {
	Field, Name, ContentType string
	Body                     io.Reader
}

// Form returns a multipart/form-data body with the text fields (in the
// order given, as name, value pairs) and the files, and its Content-Type.
func Form(fields []string, files ...FormFile) (io.Reader, string, error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i := 0; i+1 < len(fields); i += 2 {
		if err := mw.WriteField(fields[i], fields[i+1]); err != nil {
			return nil, "", err
		}
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, f.Field, f.Name))
		if f.ContentType != "" {
			h.Set("Content-Type", f.ContentType)
		}
		w, err := mw.CreatePart(h)
		if err != nil {
			return nil, "", err
		}
		if _, err := io.Copy(w, f.Body); err != nil {
			return nil, "", err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return &b, mw.FormDataContentType(), nil
}

// FormFields returns the form fields of an application made by
// [Application], as name, value pairs for [Form].
func FormFields(app *authn.Application) []string {
	d := app.Document
	f := []string{
		"name", app.Claim.Name,
		"kind", app.Claim.Kind.String(),
		"region", app.Claim.Region,
		"number", app.Claim.Number,
		"issued", d.Validity.Issued.String(),
	}
	if d.Validity.LongTerm {
		f = append(f, "long_term", "true")
	} else {
		f = append(f, "expires", d.Validity.Expires.String())
	}
	if !d.Birth.IsZero() {
		f = append(f, "birth", d.Birth.String())
	}
	return f
}

// FormFiles returns the two images of a seed as form files.
func FormFiles(seed uint64) []FormFile {
	return []FormFile{
		{Field: "certificate", Name: "card.png", ContentType: "image/png", Body: bytes.NewReader(CertificatePNG(seed))},
		{Field: "handheld", Name: "holding.png", ContentType: "image/png", Body: bytes.NewReader(HandheldPNG(seed))},
	}
}
