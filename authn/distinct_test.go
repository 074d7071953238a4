package authn_test

import (
	"bytes"
	"context"
	"image/jpeg"
	"image/png"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

// fileOf returns evidence that reads data.
func fileOf(name string, data []byte) authn.Evidence {
	return authn.Evidence{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

// TestSameUploadTwice: the certificate image uploaded again as the photo of
// the applicant holding it is refused when the bytes are the same, and sent
// to a person when the same picture comes re-encoded. Before, both were
// accepted.
func TestSameUploadTwice(t *testing.T) {
	v := newVerifier(t)
	card := authntest.CertificatePNG(1)
	img, err := png.Decode(bytes.NewReader(card))
	require.NoError(t, err)
	var asJPEG bytes.Buffer
	require.NoError(t, jpeg.Encode(&asJPEG, img, &jpeg.Options{Quality: 90}))

	tests := []struct {
		reason   string
		handheld authn.Evidence
		code     rules.Code
		verdict  rules.Verdict
	}{
		{"the same bytes twice", fileOf("me.png", card), evidence.CodeSameAsCertificate, rules.Rejected},
		{"the same picture re-encoded as JPEG", fileOf("me.jpg", asJPEG.Bytes()), evidence.CodeSimilarToCertificate, rules.NeedsReview},
	}
	for i, tt := range tests {
		app := application(t, uint64(10+i)) // one account each: an account has one pending case
		app.Certificate = fileOf("card.png", card)
		app.Handheld = tt.handheld
		rep, err := v.Verify(context.Background(), app)
		require.NoError(t, err, tt.reason)
		assert.Contains(t, rep.Codes(), tt.code, tt.reason)
		assert.Equal(t, tt.verdict, rep.Verdict, "%s: %v", tt.reason, rep.Codes())
		c, ok := rep.Check(authn.CheckDistinctFiles)
		require.True(t, ok, tt.reason)
		assert.Equal(t, authn.Fail, c.Outcome, tt.reason)
	}

	rep, err := v.Verify(context.Background(), application(t, 12))
	require.NoError(t, err)
	c, ok := rep.Check(authn.CheckDistinctFiles)
	require.True(t, ok)
	assert.Equal(t, authn.Pass, c.Outcome, "two different pictures pass: %v", rep.Codes())
}

// TestUntrustedReport: a file report the caller made up does not skip the
// file checks. Before, Evidence.Inspected was taken as it came.
func TestUntrustedReport(t *testing.T) {
	v := newVerifier(t)
	forged := &evidence.Report{Format: evidence.PNG, Width: 2000, Height: 1500, Size: 1 << 20}

	app := application(t, 21)
	app.Certificate = authn.Evidence{Name: "card.png", Inspected: forged}
	_, err := v.Verify(context.Background(), app)
	require.ErrorIs(t, err, authn.ErrUntrustedReport, "a hand-made report alone is refused")
	assert.NotErrorIs(t, err, authn.ErrInfrastructure, "a caller's mistake, not an outage")

	// With the file at hand as well, the verifier inspects it itself.
	app = application(t, 22)
	forged.Violations = nil
	app.Certificate.Inspected = forged
	rep, err := v.Verify(context.Background(), app)
	require.NoError(t, err)
	assert.Equal(t, rules.Accept, rep.Verdict, "%v", rep.Codes())

	// A report of the verifier's own inspector is taken.
	card := authntest.CertificatePNG(1)
	own, err := v.Inspector().Inspect(context.Background(), bytes.NewReader(card), "card.png", "", evidence.Certificate)
	require.NoError(t, err)
	app = application(t, 23)
	app.Certificate = authn.Evidence{Name: "card.png", Inspected: &own}
	_, err = v.Verify(context.Background(), app)
	require.NoError(t, err)

	// WithForeignInspections is the named way to take reports made elsewhere.
	trusting := newVerifier(t, authn.WithForeignInspections())
	app = application(t, 24)
	app.Certificate = authn.Evidence{Name: "card.png", Inspected: forged}
	_, err = trusting.Verify(context.Background(), app)
	require.NoError(t, err)
}
