package main

//go:generate go run . -out ../../testdata

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/examples/internal/appfile"
)

func main() {
	out := flag.String("out", "testdata", "output directory")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genapp:", err)
		os.Exit(1)
	}
}

// seed makes the example applications; change it to make others.
const seed = 20260101

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	app, err := authntest.Application(authntest.Options{Seed: seed, Account: "example-account-1"})
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"certificate.png": authntest.CertificatePNG(seed),
		"handheld.png":    authntest.HandheldPNG(seed),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	d := app.Document
	good := appfile.File{
		Account: appfile.Account{ID: app.Account.ID, RegistrationRegion: app.Account.RegistrationRegion.String()},
		Typed:   appfile.Typed{Name: app.Claim.Name, Kind: app.Claim.Kind, NumberRegion: app.Claim.Region, Number: app.Claim.Number},
		Document: appfile.Document{
			Source: "ocr", // what the site's OCR read
			Kind:   d.Kind, Number: d.Number, Name: d.Name, Birth: appfile.Date(d.Birth), Sex: d.Sex.String(),
			Issued: appfile.Date(d.Validity.Issued), Expires: appfile.Date(d.Validity.Expires),
		},
		Files: appfile.Files{
			Certificate: appfile.Upload{Path: "certificate.png", ContentType: "image/png"},
			Handheld:    appfile.Upload{Path: "handheld.png", ContentType: "image/png"},
		},
	}
	// The rejected one: a partner-program account, a name that differs from
	// the card, and a card that expired. The card is otherwise consistent: the
	// holder, born in 1990 as the number records, was 20 when it was issued,
	// so it was valid 10 years.
	bad := good
	bad.Account.ID = "example-account-2"
	bad.Account.PartnerProgram = true
	bad.Typed.Name = "李四"
	issued := certificate.Date{Year: 2010, Month: 6, Day: 1}
	bad.Document.Issued = appfile.Date(issued)
	bad.Document.Expires = appfile.Date(issued.AddYears(10))
	for name, f := range map[string]appfile.File{"application.json": good, "rejected.json": bad} {
		b, err := json.MarshalIndent(f, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}
