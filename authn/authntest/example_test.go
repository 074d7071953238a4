package authntest_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"

	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/rules/evidence"
)

// An application the default policy accepts, for a service's own tests.
func ExampleApplication() {
	app, err := authntest.Application(authntest.Options{Seed: 7, Account: "acct-7"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(app.Account.ID, app.Claim.Kind, len(app.Claim.Number), app.Claim.Number == app.Document.Number)
	fmt.Println(app.Document.Validity.Issued, app.Document.Validity.Expires)
	// Output:
	// acct-7 id_card 18 true
	// 2020-05-01 2040-05-01
}

// The generated images pass the evidence rules for their roles.
func ExampleCertificatePNG() {
	in, _ := evidence.NewInspector(evidence.Options{PixelChecks: true})
	for _, f := range []struct {
		role evidence.Role
		png  []byte
	}{{evidence.Certificate, authntest.CertificatePNG(1)}, {evidence.Handheld, authntest.HandheldPNG(1)}} {
		rep, _ := in.Inspect(context.Background(), bytes.NewReader(f.png), "photo.png", "image/png", f.role)
		fmt.Println(f.role, rep.Format, rep.Verdict())
	}
	// Output:
	// certificate png accept
	// handheld png accept
}

// Form, FormFields and FormFiles build the multipart body a browser sends.
func ExampleForm() {
	app, _ := authntest.Application(authntest.Options{Seed: 3})
	body, ct, err := authntest.Form(authntest.FormFields(app), authntest.FormFiles(3)...)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, params, _ := mime.ParseMediaType(ct)
	mr := multipart.NewReader(body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		fmt.Printf("%s %q\n", p.FormName(), p.FileName())
	}
	// Output:
	// name ""
	// kind ""
	// region ""
	// number ""
	// issued ""
	// expires ""
	// birth ""
	// certificate "card.png"
	// handheld "holding.png"
}
