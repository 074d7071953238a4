package appfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"

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
	// Warnings are what Read found deprecated, for the user; not part of
	// the JSON.
	Warnings []string `json:"-"`
}

// Account is the account as the account system knows it.
type Account struct {
	ID string `json:"id"`
	// RegistrationRegion is a country: ISO 3166-1 alpha-2 in any case; a
	// subdivision (ISO 3166-2, "US-CA") is reduced to its country.
	RegistrationRegion string `json:"registration_region"`
	PartnerProgram     bool   `json:"partner_program,omitempty"`
	// Status is "none" (default), "pending" or "authenticated".
	Status string `json:"status,omitempty"`
}

// Typed is what the applicant typed.
type Typed struct {
	Name string           `json:"name"`
	Kind certificate.Kind `json:"kind,omitzero"`
	// NumberRegion is the region of the number scheme the number follows,
	// not where the certificate was issued: ISO 3166-1 alpha-2 ("CN") or
	// ISO 3166-2 ("US-CA"), in any case. Empty means what the library
	// takes (precaution.Application.NumberRegion): the kind's fixed region
	// (TW for a Taiwan travel permit, CN for the residence permits), else
	// document.issuing_region, else the account's region.
	NumberRegion string `json:"number_region,omitempty"`
	// Region is the deprecated name of NumberRegion, read for one release:
	// Read moves it to NumberRegion with a warning.
	Region string `json:"region,omitempty"`
	Number string `json:"number"`
}

// Document is what was read from the certificate.
type Document struct {
	// Source says who read it: "ocr" (an OCR service or MRZ reader, which
	// -auto-approve needs), "person", or empty when unknown.
	Source        string           `json:"source,omitempty"`
	Kind          certificate.Kind `json:"kind,omitzero"`
	Number        string           `json:"number,omitempty"`
	Name          string           `json:"name,omitempty"`
	Surname       string           `json:"surname,omitempty"`
	GivenNames    string           `json:"given_names,omitempty"`
	NameTruncated bool             `json:"name_truncated,omitempty"`
	Birth         Date             `json:"birth,omitzero"`
	// Sex is M, F or X (unspecified, as ICAO allows), or male, female, 男
	// or 女, in any case; empty when not printed.
	Sex      string `json:"sex,omitempty"`
	Issued   Date   `json:"issued,omitzero"`
	Expires  Date   `json:"expires,omitzero"`
	LongTerm bool   `json:"long_term,omitempty"`
	// IssuingRegion is the country that issued the certificate, ISO
	// 3166-1 alpha-2 in any case; a subdivision (ISO 3166-2, "US-CA") is
	// reduced to its country.
	IssuingRegion string `json:"issuing_region,omitempty"`
	IssuingState  string `json:"issuing_state,omitempty"`
	MRZ           string `json:"mrz,omitempty"`
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

// Read decodes an application file. Keys match exactly (encoding/json
// alone would take "Typed" for "typed"); unknown keys, a value after the
// object and values of the wrong type are errors, named by their path
// ("document.birth"). The deprecated typed.region is moved to
// typed.number_region, with a warning in [File.Warnings].
func Read(r io.Reader) (*File, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSize {
		return nil, fmt.Errorf("appfile: larger than %d bytes", MaxSize)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("appfile: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("appfile: data after the application object")
	}
	if err := checkKeys(raw, reflect.TypeFor[File](), ""); err != nil {
		return nil, fmt.Errorf("appfile: %w", err)
	}
	dec = json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("appfile: %w", err)
	}
	if err := f.deprecations(); err != nil {
		return nil, err
	}
	return &f, nil
}

// Application converts f into an application whose files are opened from
// dir when the verifier reads them.
func (f *File) Application(dir string) (*authn.Application, error) {
	var app authn.Application
	acct := precaution.Account{ID: f.Account.ID, PartnerProgram: f.Account.PartnerProgram}
	if f.Account.RegistrationRegion != "" {
		r, err := ParseCountry(f.Account.RegistrationRegion)
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
	app.Claim = precaution.Claim{Name: f.Typed.Name, Kind: f.Typed.Kind, Number: f.Typed.Number}
	if f.Typed.NumberRegion != "" {
		r, err := ParseRegion(f.Typed.NumberRegion)
		if err != nil {
			return nil, fmt.Errorf("appfile: typed.number_region: %w", err)
		}
		app.Claim.Region = r
	}
	d := f.Document
	doc := precaution.Document{
		Kind: d.Kind, Number: d.Number, Name: d.Name, Surname: d.Surname, GivenNames: d.GivenNames,
		NameTruncated: d.NameTruncated, Birth: certificate.Date(d.Birth), IssuingState: d.IssuingState, MRZ: d.MRZ,
		Validity: certificate.Validity{Issued: certificate.Date(d.Issued), Expires: certificate.Date(d.Expires), LongTerm: d.LongTerm},
	}
	sex, err := ParseSex(d.Sex)
	if err != nil {
		return nil, fmt.Errorf("appfile: document.sex: %w", err)
	}
	doc.Sex = sex
	switch strings.ToLower(d.Source) {
	case "":
	case "ocr":
		doc.Source = precaution.SourceOCR
	case "person":
		doc.Source = precaution.SourcePerson
	default:
		return nil, fmt.Errorf("appfile: document.source %q is not ocr or person", d.Source)
	}
	if d.IssuingRegion != "" {
		r, err := ParseCountry(d.IssuingRegion)
		if err != nil {
			return nil, fmt.Errorf("appfile: document.issuing_region: %w", err)
		}
		doc.IssuingRegion = r
	}
	app.Document = doc
	if app.Claim.Region == "" {
		// The scheme's region as the library defaults it, set here so that
		// every rule reads the same one.
		pa := precaution.Application{Account: app.Account, Claim: app.Claim, Document: app.Document}
		app.Claim.Region = pa.NumberRegion()
	}
	app.Certificate = upload(dir, f.Files.Certificate)
	app.Handheld = upload(dir, f.Files.Handheld)
	return &app, nil
}

func upload(dir string, u Upload) authn.Evidence {
	if u.Path == "" {
		return authn.Evidence{}
	}
	path := resolve(dir, u.Path)
	return authn.Evidence{
		Name:        filepath.Base(u.Path),
		ContentType: u.ContentType,
		Open:        func() (io.ReadCloser, error) { return OpenRegular(path) },
	}
}

// Loaded is an application file as [Load] read it.
type Loaded struct {
	// Application is what the verifier takes.
	Application *authn.Application
	// Warnings are for the user: deprecated fields.
	Warnings []string
	// Unavailable are the uploads that could not be read when the file was
	// loaded. The application carries them as absent, so the verifier
	// reports them as missing (application.file_missing).
	Unavailable []Unavailable
}

// Unavailable is an upload that could not be read.
type Unavailable struct {
	// Role is "certificate" or "handheld".
	Role string
	// Path is the path as the file names it.
	Path string
	// Reason is "not_found" when there is no such file, "not_regular" when
	// it is a directory, a pipe or a device, and "unreadable" when it could
	// not be read (permissions).
	Reason string
	Err    error
}

// resolve returns the path of an upload named path in a file in dir.
func resolve(dir, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}

// Load reads the application file at path and checks that its uploads can
// be read.
func Load(path string) (*Loaded, error) {
	fh, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	f, err := Read(fh)
	if err != nil {
		return nil, err
	}
	app, err := f.Application(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	l := &Loaded{Application: app, Warnings: f.Warnings}
	dir := filepath.Dir(path)
	for _, u := range []struct {
		role string
		up   Upload
		ev   *authn.Evidence
	}{
		{"certificate", f.Files.Certificate, &app.Certificate},
		{"handheld", f.Files.Handheld, &app.Handheld},
	} {
		if u.up.Path == "" {
			continue
		}
		if err := probe(resolve(dir, u.up.Path)); err != nil {
			reason := "unreadable"
			switch {
			case errors.Is(err, fs.ErrNotExist):
				reason = "not_found"
			case errors.Is(err, ErrNotRegular):
				reason = "not_regular"
			}
			*u.ev = authn.Evidence{}
			l.Unavailable = append(l.Unavailable, Unavailable{Role: u.role, Path: u.up.Path, Reason: reason, Err: err})
		}
	}
	return l, nil
}

// probe checks that the file at path is a regular file that can be opened
// for reading, without reading it: anything else (a directory, a pipe, a
// device) is refused, and nothing waits for a pipe's writer.
func probe(path string) error {
	fh, err := OpenRegular(path)
	if err != nil {
		return err
	}
	return fh.Close()
}
