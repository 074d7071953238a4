package appfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/precaution"
)

// MaxSize bounds the JSON file.
const MaxSize = 1 << 20

// File is the JSON form of an application.
type File struct {
	Account  Account  `json:"account"`
	Typed    Typed    `json:"typed"`
	Document Document `json:"document"`
	Files    Files    `json:"files"`
}

// Account is the account as the account system knows it.
type Account struct {
	ID                 string `json:"id"`
	RegistrationRegion string `json:"registration_region"`
	PartnerProgram     bool   `json:"partner_program,omitempty"`
	// Status is "none" (default), "pending" or "authenticated".
	Status string `json:"status,omitempty"`
}

// Typed is what the applicant typed.
type Typed struct {
	Name   string           `json:"name"`
	Kind   certificate.Kind `json:"kind,omitzero"`
	Region string           `json:"region,omitempty"`
	Number string           `json:"number"`
}

// Document is what was read from the certificate.
type Document struct {
	Kind          certificate.Kind `json:"kind,omitzero"`
	Number        string           `json:"number,omitempty"`
	Name          string           `json:"name,omitempty"`
	Surname       string           `json:"surname,omitempty"`
	GivenNames    string           `json:"given_names,omitempty"`
	NameTruncated bool             `json:"name_truncated,omitempty"`
	Birth         certificate.Date `json:"birth,omitzero"`
	Sex           string           `json:"sex,omitempty"`
	Issued        certificate.Date `json:"issued,omitzero"`
	Expires       certificate.Date `json:"expires,omitzero"`
	LongTerm      bool             `json:"long_term,omitempty"`
	IssuingRegion string           `json:"issuing_region,omitempty"`
	IssuingState  string           `json:"issuing_state,omitempty"`
	MRZ           string           `json:"mrz,omitempty"`
}

// Files names the two uploads.
type Files struct {
	Certificate Upload `json:"certificate"`
	Handheld    Upload `json:"handheld"`
}

// Upload is one file, by path relative to the JSON file.
type Upload struct {
	Path        string `json:"path"`
	ContentType string `json:"content_type,omitempty"`
}

// Read decodes an application file; unknown fields are errors.
func Read(r io.Reader) (*File, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSize {
		return nil, fmt.Errorf("appfile: larger than %d bytes", MaxSize)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("appfile: %w", err)
	}
	return &f, nil
}

// Application converts f into an application whose files are opened from
// dir when the verifier reads them.
func (f *File) Application(dir string) (*authn.Application, error) {
	var app authn.Application
	acct := precaution.Account{ID: f.Account.ID, PartnerProgram: f.Account.PartnerProgram}
	if f.Account.RegistrationRegion != "" {
		r, err := language.ParseRegion(f.Account.RegistrationRegion)
		if err != nil {
			return nil, fmt.Errorf("appfile: account.registration_region: %w", err)
		}
		acct.RegistrationRegion = r
	}
	switch f.Account.Status {
	case "", "none":
	case "pending":
		acct.Standing = precaution.StandingPending
	case "authenticated":
		acct.Standing = precaution.StandingAuthenticated
	default:
		return nil, fmt.Errorf("appfile: account.status %q is not none, pending or authenticated", f.Account.Status)
	}
	app.Account = acct
	app.Claim = precaution.Claim{Name: f.Typed.Name, Kind: f.Typed.Kind, Region: f.Typed.Region, Number: f.Typed.Number}
	d := f.Document
	doc := precaution.Document{
		Kind: d.Kind, Number: d.Number, Name: d.Name, Surname: d.Surname, GivenNames: d.GivenNames,
		NameTruncated: d.NameTruncated, Birth: d.Birth, IssuingState: d.IssuingState, MRZ: d.MRZ,
		Validity: certificate.Validity{Issued: d.Issued, Expires: d.Expires, LongTerm: d.LongTerm},
	}
	switch strings.ToUpper(d.Sex) {
	case "":
	case "M":
		doc.Sex = certificate.Male
	case "F":
		doc.Sex = certificate.Female
	default:
		return nil, fmt.Errorf("appfile: document.sex %q is not M or F", d.Sex)
	}
	if d.IssuingRegion != "" {
		r, err := language.ParseRegion(d.IssuingRegion)
		if err != nil {
			return nil, fmt.Errorf("appfile: document.issuing_region: %w", err)
		}
		doc.IssuingRegion = r
	}
	app.Document = doc
	app.Certificate = upload(dir, f.Files.Certificate)
	app.Handheld = upload(dir, f.Files.Handheld)
	return &app, nil
}

func upload(dir string, u Upload) authn.Evidence {
	if u.Path == "" {
		return authn.Evidence{}
	}
	path := u.Path
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	return authn.Evidence{
		Name:        filepath.Base(u.Path),
		ContentType: u.ContentType,
		Open:        func() (io.ReadCloser, error) { return os.Open(path) },
	}
}

// Load reads the application file at path.
func Load(path string) (*authn.Application, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	f, err := Read(fh)
	if err != nil {
		return nil, err
	}
	return f.Application(filepath.Dir(path))
}
