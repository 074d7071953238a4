package authn_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/mrzread"
	"github.com/realname-go/realname/rules/precaution"
)

// zhangSanZone is the zone of 张三's passport, E12345678, born 1990-03-07,
// valid until 2034-01-01; its check digits are right.
const zhangSanZone = "P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nE123456782CHN9003071M3401011<<<<<<<<<<<<<<<0"

// zoneReading is what the zone reader returns for an image of 张三's
// passport, or for an image whose zone it could not read (code set).
func zoneReading(t *testing.T, code rules.Code) *mrzread.Reading {
	t.Helper()
	if code != "" {
		return &mrzread.Reading{Code: code, Err: &mrzread.Error{Code: code}}
	}
	m, err := mrz.Parse(zhangSanZone, certificate.Date{Year: 2026, Month: 11, Day: 25})
	require.NoError(t, err)
	require.True(t, m.Valid())
	return &mrzread.Reading{Zone: &mrzread.Zone{Layout: mrz.TD3, Lines: strings.Split(zhangSanZone, "\n"), MRZ: &m}}
}

// zoneVerifier is a verifier with the zone reader that takes the
// certificate's inspection report as given (the test hands in the reading
// an image would give).
func zoneVerifier(t *testing.T, p authn.Policy) *authn.Verifier {
	t.Helper()
	r, err := mrzread.New(mrzread.Options{Clock: certificate.Clock{Now: clock}})
	require.NoError(t, err)
	return newVerifier(t, authn.WithZoneReader(r), authn.WithForeignInspections(), authn.WithPolicy(p),
		authn.WithBinder(newBinder(t, binding.NewMemory())))
}

// passportApp is 张三's passport application: typed data, no Document (the
// caller has no OCR), and the certificate report holding reading.
func passportApp(t *testing.T, seed uint64, reading evidence.Reading) *authn.Application {
	app := application(t, seed)
	app.Claim = precaution.Claim{Name: "张三", Kind: certificate.Passport, Region: "CN", Number: "E12345678"}
	app.Document = precaution.Document{}
	app.Certificate = authn.Evidence{Inspected: &evidence.Report{Format: evidence.PNG, Width: 1600, Height: 1200, Size: 90_000,
		Readings: []evidence.Reading{reading}}}
	return app
}

func TestZoneFlow(t *testing.T) {
	auto := authn.DefaultPolicy()
	auto.AutoApprove = true
	tests := []struct {
		reason  string
		code    rules.Code // of the reading; "" reads 张三's zone
		edit    func(*authn.Application)
		verdict rules.Verdict
		codes   []rules.Code
	}{
		{"张三 typed with 张三's passport", "", nil, rules.Accept, nil},
		{"李四 typed with 张三's passport", "", func(a *authn.Application) { a.Claim.Name = "李四" }, rules.Rejected, []rules.Code{precaution.CodeNameMismatch}},
		{"the traditional form", "", func(a *authn.Application) { a.Claim.Name = "張三" }, rules.Accept, nil},
		{"another number typed", "", func(a *authn.Application) { a.Claim.Number = "E12345679" }, rules.Rejected, []rules.Code{precaution.CodeNumberMismatch}},
		{"an identity card picked", "", func(a *authn.Application) {
			a.Claim.Kind, a.Claim.Number = certificate.IDCard, "11010519491231002X"
		}, rules.Rejected, []rules.Code{precaution.CodeKindMismatch}},
		{"the zone is unreadable", mrzread.CodeUnreadable, nil, rules.NeedsReview,
			[]rules.Code{precaution.CodeZoneUnreadable, precaution.CodeNameUnverified, precaution.CodeNumberUnverified}},
		{"no zone in a passport image", mrzread.CodeNoZone, nil, rules.NeedsReview,
			[]rules.Code{precaution.CodeZoneNotFound, precaution.CodeNameUnverified, precaution.CodeNumberUnverified}},
		{"the caller's OCR read 李四, the zone 张三", "", func(a *authn.Application) {
			a.Claim.Name = "李四"
			a.Document = precaution.Document{Source: precaution.SourceOCR, Kind: certificate.Passport, Number: "E12345678", Name: "李四",
				Validity: certificate.Validity{Expires: certificate.Date{Year: 2034, Month: 1, Day: 1}}, IssuingState: "CHN"}
		}, rules.Rejected, []rules.Code{precaution.CodeZoneNameMismatch}},
	}
	for i, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			v := zoneVerifier(t, auto)
			app := passportApp(t, uint64(300+i), zoneReading(t, tc.code))
			if tc.edit != nil {
				tc.edit(app)
			}
			rep, err := v.Verify(context.Background(), app)
			require.NoError(t, err)
			assert.Equal(t, tc.verdict, rep.Verdict)
			assert.ElementsMatch(t, tc.codes, rep.Codes())
			c, ok := rep.Check(authn.CheckZoneRead)
			require.True(t, ok, "the zone check is reported")
			if tc.verdict == rules.Accept {
				assert.Equal(t, review.Approved, rep.Review.State, "a zone read by a machine may be approved automatically")
			} else {
				assert.NotEqual(t, review.Approved, rep.Review.State)
			}
			for _, f := range rep.Violations {
				if f.Code == precaution.CodeNameMismatch || f.Code == precaution.CodeZoneNameMismatch {
					assert.Equal(t, "claim.name", f.Field, "the name mismatch is shown next to the name")
				}
			}
			_ = c
		})
	}
}

// TestZoneNotNeeded: other kinds need no zone; without a Document the
// application still goes to review, never accept.
func TestZoneNotNeeded(t *testing.T) {
	auto := authn.DefaultPolicy()
	auto.AutoApprove = true
	v := zoneVerifier(t, auto)
	app := passportApp(t, 330, zoneReading(t, mrzread.CodeNoZone))
	base := application(t, 330)
	app.Claim = base.Claim
	rep, err := v.Verify(context.Background(), app)
	require.NoError(t, err)
	assert.Equal(t, rules.NeedsReview, rep.Verdict)
	assert.ElementsMatch(t, []rules.Code{precaution.CodeNameUnverified, precaution.CodeNumberUnverified}, rep.Codes())
	for _, name := range []string{authn.CheckNameMatch, authn.CheckNumberMatch} {
		c, _ := rep.Check(name)
		assert.Equal(t, authn.Skip, c.Outcome, name)
	}
}

// TestAutoApproveNeedsMachine: an accepted application is approved
// automatically only when a machine read the certificate.
func TestAutoApproveNeedsMachine(t *testing.T) {
	auto := authn.DefaultPolicy()
	auto.AutoApprove = true
	for i, tc := range []struct {
		source precaution.Source
		want   review.State
	}{
		{precaution.SourceOCR, review.Approved},
		{precaution.SourceZone, review.Approved},
		{precaution.SourceUnknown, review.Submitted},
		{precaution.SourcePerson, review.Submitted},
	} {
		t.Run(tc.source.String(), func(t *testing.T) {
			v := newVerifier(t, authn.WithPolicy(auto), authn.WithBinder(newBinder(t, binding.NewMemory())))
			app := application(t, uint64(340+i))
			app.Document.Source = tc.source
			rep, err := v.Verify(context.Background(), app)
			require.NoError(t, err)
			assert.Equal(t, rules.Accept, rep.Verdict)
			assert.Equal(t, tc.want, rep.Review.State)
		})
	}
}

// TestNoZoneReaderNoZoneCheck: without WithZoneReader the zone check is
// not in the report, and a Document with only its Source set is nothing
// read.
func TestNoZoneReaderNoZoneCheck(t *testing.T) {
	v := newVerifier(t)
	app := application(t, 350)
	rep, err := v.Verify(context.Background(), app)
	require.NoError(t, err)
	_, ok := rep.Check(authn.CheckZoneRead)
	assert.False(t, ok)

	app = application(t, 351)
	app.Document = precaution.Document{Source: precaution.SourceOCR}
	rep, err = v.Verify(context.Background(), app)
	require.NoError(t, err)
	assert.Equal(t, rules.NeedsReview, rep.Verdict, "an OCR that read nothing is nothing read")
	c, _ := rep.Check(authn.CheckValidity)
	assert.Equal(t, authn.Skip, c.Outcome)
}

func ExampleWithZoneReader() {
	r, err := mrzread.New(mrzread.Options{})
	if err != nil {
		panic(err)
	}
	v, _ := authn.NewVerifier(authn.WithZoneReader(r))
	fmt.Println(len(v.EvidenceOptions().Readers))
	// Output: 1
}

// TestZoneFromImage reads the zone of a rendered passport image
// (examples/realname/testdata/zone/zhangsan.png, 张三's TD3 zone in OCR-B
// at 200 dpi) through the inspection's decode.
func TestZoneFromImage(t *testing.T) {
	img, err := os.ReadFile(filepath.Join("..", "examples", "realname", "testdata", "zone", "zhangsan.png"))
	require.NoError(t, err)
	r, err := mrzread.New(mrzread.Options{Clock: certificate.Clock{Now: clock}})
	require.NoError(t, err)
	for i, tc := range []struct {
		typed string
		want  []rules.Code
	}{
		{"张三", nil},
		{"李四", []rules.Code{precaution.CodeNameMismatch}},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			v := newVerifier(t, authn.WithZoneReader(r), authn.WithBinder(newBinder(t, binding.NewMemory())))
			app := passportApp(t, uint64(360+i), nil)
			app.Claim.Name = tc.typed
			app.Certificate = authn.Evidence{Name: "passport.png", ContentType: "image/png", Content: img}
			rep, err := v.Verify(context.Background(), app)
			require.NoError(t, err)
			c, ok := rep.Check(authn.CheckNameMatch)
			require.True(t, ok)
			assert.Equal(t, tc.want, c.Codes, "the typed name against the zone read from the image")
			n, _ := rep.Check(authn.CheckNumberMatch)
			assert.Equal(t, authn.Pass, n.Outcome, "the number read from the image")
			if tc.want != nil {
				assert.Equal(t, rules.Rejected, rep.Verdict)
			}
		})
	}
}

// TestZoneFromPDF reads the zone of the passport image inside a PDF
// certificate.
func TestZoneFromPDF(t *testing.T) {
	img, err := os.ReadFile(filepath.Join("..", "examples", "realname", "testdata", "zone", "zhangsan.png"))
	require.NoError(t, err)
	var doc bytes.Buffer
	require.NoError(t, api.ImportImages(nil, &doc, []io.Reader{bytes.NewReader(img)}, nil, model.NewDefaultConfiguration()))
	r, err := mrzread.New(mrzread.Options{Clock: certificate.Clock{Now: clock}})
	require.NoError(t, err)
	v := newVerifier(t, authn.WithZoneReader(r))
	app := passportApp(t, 370, nil)
	app.Claim.Name = "李四"
	app.Certificate = authn.Evidence{Name: "passport.pdf", ContentType: "application/pdf", Content: doc.Bytes()}
	rep, err := v.Verify(context.Background(), app)
	require.NoError(t, err)
	c, _ := rep.Check(authn.CheckNameMatch)
	assert.Equal(t, []rules.Code{precaution.CodeNameMismatch}, c.Codes, "李四 against the zone of the image inside the PDF")
}
