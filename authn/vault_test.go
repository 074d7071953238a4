package authn_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/vaulttest"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

func newVault(t *testing.T) *vault.Dir {
	t.Helper()
	files, err := vault.OpenDir(t.TempDir(), vaulttest.Keyring(t, "authn"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = files.Close() })
	return files
}

func TestVaultKeepsFilesOfCasesUnderReview(t *testing.T) {
	files := newVault(t)
	store := binding.NewMemory()
	v := newVerifier(t, authn.WithBinder(newBinder(t, store)), authn.WithVault(files))
	app := application(t, 1)
	cert, hand := authntest.CertificatePNG(1), authntest.HandheldPNG(1)
	app.Certificate = authn.Evidence{Name: `C:\fakepath\card.png`, Content: cert}
	app.Handheld.Name = "/home/me/holding.png" // from Open: the verifier buffers it
	rep, err := v.Verify(t.Context(), app)
	require.NoError(t, err)
	require.Equal(t, review.Submitted, rep.Review.State)
	id := rep.Review.ID

	for role, want := range map[evidence.Role][]byte{evidence.Certificate: cert, evidence.Handheld: hand} {
		b, m, err := v.Evidence(t.Context(), id, role)
		require.NoError(t, err, "%s", role)
		assert.True(t, bytes.Equal(want, b), "%s: the bytes uploaded", role)
		assert.Equal(t, evidence.PNG, m.Format)
		assert.Equal(t, now, m.StoredAt.In(time.UTC), "stored at the verification's time")
		assert.Equal(t, id, m.Case)
	}
	_, m, err := v.Evidence(t.Context(), id, evidence.Certificate)
	require.NoError(t, err)
	assert.Equal(t, "card.png", m.Name, "the display name, without directories")

	last := rep.Review.History[len(rep.Review.History)-1]
	assert.Equal(t, review.ActionFilesStored, last.Action, "the report's case has the note")
	c, err := store.Get(t.Context(), id)
	require.NoError(t, err)
	assert.Equal(t, review.ActionFilesStored, c.History[len(c.History)-1].Action, "the stored case has the note")
	assert.Same(t, files, v.Vault())
}

func TestVaultKeepsFindings(t *testing.T) {
	files := newVault(t)
	v := newVerifier(t, authn.WithVault(files))
	app := application(t, 2)
	// A phone screenshot's size: evidence.screenshot_dimensions, for review.
	img := image.NewNRGBA(image.Rect(0, 0, 1080, 1920))
	r := rand.New(rand.NewPCG(2, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(64 + r.IntN(128))
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	var b bytes.Buffer
	require.NoError(t, (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img))
	app.Handheld = authn.Evidence{Name: "screen.png", Content: b.Bytes()}
	rep, err := v.Verify(t.Context(), app)
	require.NoError(t, err)
	require.True(t, rep.Review.State.Pending(), "codes %v", rep.Codes())
	check, ok := rep.Check(authn.CheckHandheldFile)
	require.True(t, ok)
	require.NotEmpty(t, check.Codes, "the handheld file has findings")
	m, err := files.Stat(t.Context(), rep.Review.ID, evidence.Handheld)
	require.NoError(t, err)
	var codes []rules.Code
	for _, x := range m.Violations {
		codes = append(codes, x.Code)
	}
	assert.Equal(t, check.Codes, codes, "the stored file keeps what the checks found")
	m, err = files.Stat(t.Context(), rep.Review.ID, evidence.Certificate)
	require.NoError(t, err)
	assert.Empty(t, m.Violations, "the clean certificate has none")
}

func TestVaultSkipsDecidedCases(t *testing.T) {
	files := newVault(t)
	v := newVerifier(t, authn.WithVault(files))
	app := application(t, 3)
	app.Claim.Name = "李四" // a name mismatch: rejected at once
	rep, err := v.Verify(t.Context(), app)
	require.NoError(t, err)
	require.Equal(t, rules.Rejected, rep.Verdict)
	ids, err := files.Cases(t.Context())
	require.NoError(t, err)
	assert.Empty(t, ids, "a case rejected at once keeps no files")

	p := authn.DefaultPolicy()
	p.AutoApprove = true
	v = newVerifier(t, authn.WithVault(files), authn.WithPolicy(p))
	rep, err = v.Verify(t.Context(), application(t, 4))
	require.NoError(t, err)
	require.Equal(t, review.Approved, rep.Review.State, "codes %v", rep.Codes())
	ids, err = files.Cases(t.Context())
	require.NoError(t, err)
	assert.Empty(t, ids, "a case approved automatically keeps no files")
}

// brokenVault fails every Put after ok successes.
type brokenVault struct {
	vault.Store
	ok    int32
	calls atomic.Int32
}

func (b *brokenVault) Put(ctx context.Context, id string, role evidence.Role, content []byte, m vault.Meta) (vault.Meta, error) {
	if b.calls.Add(1) > b.ok {
		return vault.Meta{}, errors.New("disk full")
	}
	return b.Store.Put(ctx, id, role, content, m)
}

func TestVaultFailureWithdrawsTheCase(t *testing.T) {
	files := newVault(t)
	store := binding.NewMemory()
	v := newVerifier(t, authn.WithBinder(newBinder(t, store)), authn.WithVault(&brokenVault{Store: files, ok: 1}))
	app := application(t, 5)
	rep, err := v.Verify(t.Context(), app)
	require.Error(t, err)
	assert.ErrorIs(t, err, authn.ErrInfrastructure)
	assert.Contains(t, err.Error(), "disk full")
	assert.Nil(t, rep)

	ids, err := files.Cases(t.Context())
	require.NoError(t, err)
	assert.Empty(t, ids, "the file stored before the failure is deleted")
	cs, err := store.List(t.Context(), review.Query{States: []review.State{review.Withdrawn}})
	require.NoError(t, err)
	require.Len(t, cs, 1, "the case is withdrawn")
	last, _ := review.LastMove(cs[0])
	assert.Equal(t, "evidence could not be stored", last.Note)
	slot, err := v.Slot(t.Context(), cs[0])
	require.NoError(t, err)
	assert.Equal(t, binding.None, slot.State, "its slot is released")

	v = newVerifier(t, authn.WithBinder(newBinder(t, store)), authn.WithVault(files))
	rep, err = v.Verify(t.Context(), application(t, 5))
	require.NoError(t, err, "the applicant submits again at once")
	assert.Equal(t, review.Submitted, rep.Review.State)
}

func TestVaultNeedsTheBytes(t *testing.T) {
	v := newVerifier(t, authn.WithVault(newVault(t)))
	app := application(t, 6)
	er, err := v.Inspector().Inspect(t.Context(), bytes.NewReader(authntest.CertificatePNG(6)), "card.png", "", evidence.Certificate)
	require.NoError(t, err)
	app.Certificate = authn.Evidence{Inspected: &er}
	_, err = v.Verify(t.Context(), app)
	assert.ErrorIs(t, err, authn.ErrInfrastructure, "a report without the file's bytes cannot be kept")
	assert.Contains(t, err.Error(), "Evidence.Content")

	app = application(t, 7)
	app.Handheld = authn.Evidence{Name: "h.png", Reader: strings.NewReader(string(authntest.HandheldPNG(7)))}
	rep, err := v.Verify(t.Context(), app)
	require.NoError(t, err, "a Reader is buffered")
	b, _, err := v.Evidence(t.Context(), rep.Review.ID, evidence.Handheld)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(authntest.HandheldPNG(7), b))
}

func TestNoVault(t *testing.T) {
	v := newVerifier(t)
	_, _, err := v.Evidence(t.Context(), "c", evidence.Certificate)
	assert.ErrorIs(t, err, authn.ErrNoVault)
	_, err = v.PurgeFiles(t.Context(), 0)
	assert.ErrorIs(t, err, authn.ErrNoVault)
	assert.Nil(t, v.Vault())
}

func TestPurgeFiles(t *testing.T) {
	files := newVault(t)
	var at atomic.Pointer[time.Time]
	start := now
	at.Store(&start)
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: func() time.Time { return *at.Load() }}), authn.WithVault(files))
	require.NoError(t, err)
	rep, err := v.Verify(t.Context(), application(t, 8))
	require.NoError(t, err)
	id := rep.Review.ID
	_, err = v.PurgeFiles(t.Context(), time.Hour)
	require.NoError(t, err)
	_, err = files.Stat(t.Context(), id, evidence.Certificate)
	require.NoError(t, err, "a pending case keeps its files")

	_, err = v.Approve(t.Context(), id, "rev", "ok")
	require.NoError(t, err)
	later := now.Add(31 * 24 * time.Hour)
	at.Store(&later)
	pr, err := v.PurgeFiles(t.Context(), 0)
	require.NoError(t, err)
	assert.Equal(t, []string{id}, pr.Purged)
	_, _, err = v.Evidence(t.Context(), id, evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrNotFound)
	c, err := v.Case(t.Context(), id)
	require.NoError(t, err)
	assert.Equal(t, later, c.FilesPurgedAt)
}

// TestVaultBuffersFromFile: a file from Open is read into one buffer of its
// size, and what is stored is what was read.
func TestVaultBuffersFromFile(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/hand.png"
	require.NoError(t, os.WriteFile(path, authntest.HandheldPNG(9), 0o600))
	v := newVerifier(t, authn.WithVault(newVault(t)))
	app := application(t, 9)
	app.Handheld = authn.Evidence{Name: "hand.png", Open: func() (io.ReadCloser, error) { return os.Open(path) }}
	rep, err := v.Verify(t.Context(), app)
	require.NoError(t, err)
	b, m, err := v.Evidence(t.Context(), rep.Review.ID, evidence.Handheld)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(authntest.HandheldPNG(9), b))
	assert.Equal(t, int64(len(b)), m.Size)
}

// A verifier that keeps the files of the cases it opens for review in an
// encrypted directory, and the desk reading one back.
func ExampleWithVault() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "evidence")
	defer os.RemoveAll(dir)
	key, _ := vault.DeriveKey([]byte("the service's secret, 16+ bytes"))
	keys, _ := vault.NewKeyring(key)
	files, err := vault.OpenDir(dir, keys)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer files.Close()
	v, _ := authn.NewVerifier(authn.WithVault(files),
		authn.WithClock(certificate.Clock{Now: func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }}))

	app, _ := authntest.Application(authntest.Options{Seed: 1})
	rep, err := v.Verify(ctx, app)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Review.State, rep.Review.History[len(rep.Review.History)-1].Action)
	photo, m, err := v.Evidence(ctx, rep.Review.ID, evidence.Handheld)
	fmt.Println(m.Name, m.Format, int64(len(photo)) == m.Size, err)
	// Output:
	// submitted files_stored
	// holding.png png true <nil>
}
