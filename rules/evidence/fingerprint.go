package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/bits"
	"strconv"

	"github.com/realname-go/realname/rules"
)

// Fingerprint identifies the content of a file, so that [Compare] can tell
// when the handheld photo is the certificate image uploaded a second time.
type Fingerprint struct {
	// SHA256 is the digest of the file's bytes. It is zero when the file is
	// empty or larger than [Options.MaxBytes]: only part of it was read.
	SHA256 Digest `json:"sha256,omitzero"`
	// DHash is the difference hash of the decoded pixels. It is set only
	// when [Options.PixelChecks] decoded the image (never for a PDF, and not
	// for an image already refused by an earlier check); nil otherwise.
	DHash *DHash `json:"dhash,omitempty"`
}

// Digest is a SHA-256 digest. It is text (JSON included) as 64 lowercase
// hexadecimal digits.
type Digest [sha256.Size]byte

// IsZero reports whether d is the zero digest, which stands for no digest.
func (d Digest) IsZero() bool { return d == Digest{} }

// String returns d in hexadecimal.
func (d Digest) String() string { return hex.EncodeToString(d[:]) }

// MarshalText returns d in hexadecimal.
func (d Digest) MarshalText() ([]byte, error) { return hex.AppendEncode(nil, d[:]), nil }

// UnmarshalText reads 64 hexadecimal digits.
func (d *Digest) UnmarshalText(b []byte) error {
	if hex.DecodedLen(len(b)) != len(d) {
		return errors.New("evidence: a SHA-256 digest is 64 hexadecimal digits")
	}
	_, err := hex.Decode(d[:], b)
	return err
}

// DHash is a 64-bit difference hash of an image: its luma is area-averaged
// down to 9 columns by 8 rows, and bit 8·r+c is set when cell (c, r) is
// brighter than its right-hand neighbour (c+1, r). It depends on the
// picture, not on its encoding: re-saving, re-compressing or slightly
// resizing the image moves few bits, while different pictures differ in
// about half of them. It is text (JSON included) as 16 hexadecimal digits.
type DHash uint64

// Distance is the number of bits in which h and o differ (Hamming distance),
// from 0 (the same picture) to 64.
func (h DHash) Distance(o DHash) int { return bits.OnesCount64(uint64(h ^ o)) }

// String returns h as 16 hexadecimal digits.
func (h DHash) String() string {
	b, _ := h.MarshalText()
	return string(b)
}

// MarshalText returns h as 16 hexadecimal digits.
func (h DHash) MarshalText() ([]byte, error) {
	const digits = "0123456789abcdef"
	b := make([]byte, 16)
	for i := range b {
		b[i] = digits[(h>>(60-4*i))&0xf]
	}
	return b, nil
}

// UnmarshalText reads 16 hexadecimal digits.
func (h *DHash) UnmarshalText(b []byte) error {
	if len(b) != 16 {
		return errors.New("evidence: a difference hash is 16 hexadecimal digits")
	}
	v, err := strconv.ParseUint(string(b), 16, 64)
	if err != nil {
		return errors.New("evidence: a difference hash is 16 hexadecimal digits")
	}
	*h = DHash(v)
	return nil
}

// similarDistance is the largest [DHash.Distance] at which two pictures count
// as the same picture re-encoded.
//
// Measured on the 93 opaque JPEG, PNG and BMP files of Go's and
// golang.org/x/image's testdata, go-exif's, filetype's and pdfcpu's photos
// and page renderings, and this package's corpus, each re-encoded as PNG, as
// JPEG quality 70, and resized to 95%, 97% and 103% (Catmull-Rom, JPEG
// quality 85): of 462 re-encodings 262 moved 0 bits, 125 1, 61 2, 6 3, 2 4,
// and 8 moved 5–10 — all of a near-blank page, a page of thin lines or the
// corpus's very dark photo, whose cells are so alike that noise decides
// their bits. Of the 4,278 pairs of those files, the pairs 8 bits apart or
// less all show one picture (re-rendered, rescaled, restamped); the closest
// two different pictures are 9 bits apart (a near-blank page and the
// corpus card), and the typical pair 27–37. The corpus card held up in a
// plain frame that it fills to 95% is already 9–23 bits from the card
// (TestCompareDifferentImages keeps 80% and 60%).
//
// 4 catches 98% of re-encodings and stays 5 bits below the closest
// different pictures, so an honest handheld photo is not sent to review;
// TestDHashThreshold keeps a sample of both sides.
const similarDistance = 4

// Compare returns what is wrong with a handheld photo given the certificate
// image, from their reports: a copy of the certificate image cannot be a
// photo of the applicant holding the certificate.
//
//   - byte for byte the same file: [CodeSameAsCertificate], reject;
//   - otherwise, the same picture re-encoded (converted to PNG, compressed
//     again, resized by a few per cent), told by [Fingerprint.DHash] within
//     a small distance: [CodeSimilarToCertificate], review, with parameter
//     "distance" (0–4 bits of 64).
//
// Both violations are retryable and concern the field "handheld". Compare
// returns nil when the files differ, and cannot compare what a report has no
// fingerprint of: a file over the size limit, or the pixels of an image that
// was not decoded (see [Options.PixelChecks]). Reports handed in by a caller
// should be checked with [Inspector.Made] first.
func Compare(certificate, handheld Report) []rules.Violation {
	c, h := certificate.Fingerprint, handheld.Fingerprint
	if !c.SHA256.IsZero() && c.SHA256 == h.SHA256 {
		return []rules.Violation{{Code: CodeSameAsCertificate, Field: Handheld.String(), Severity: rules.Reject, Retryable: true}}
	}
	if c.DHash == nil || h.DHash == nil {
		return nil
	}
	if d := c.DHash.Distance(*h.DHash); d <= similarDistance {
		return []rules.Violation{{Code: CodeSimilarToCertificate, Field: Handheld.String(), Severity: rules.Review, Retryable: true,
			Params: []rules.Param{{Name: "distance", Value: strconv.Itoa(d)}}}}
	}
	return nil
}

// dhash computes the [DHash] of a grid of gw×gh luma box means (see
// measure). Each of the 9×8 cells averages the grid cells it covers; the
// last grid row and column, which may be partial boxes, are left out when
// the grid is large enough to spare them.
func dhash(grid []float32, gw, gh int) DHash {
	stride := gw
	if gw > 2*9 {
		gw--
	}
	if gh > 2*8 {
		gh--
	}
	if gw <= 0 || gh <= 0 {
		return 0
	}
	var x0, x1 [9]int
	for c := range 9 {
		x0[c] = c * gw / 9
		x1[c] = max((c+1)*gw/9, x0[c]+1)
	}
	var h DHash
	for r := range 8 {
		y0 := r * gh / 8
		y1 := max((r+1)*gh/8, y0+1)
		var cell [9]float64
		for y := y0; y < y1; y++ {
			row := grid[y*stride : y*stride+gw]
			for c := range 9 {
				cell[c] += float64(sum32(row[x0[c]:x1[c]]))
			}
		}
		// the cells of a row span the same grid rows: dividing by their
		// widths makes them means that compare
		for c := range 8 {
			if cell[c]*float64(x1[c+1]-x0[c+1]) > cell[c+1]*float64(x1[c]-x0[c]) {
				h |= 1 << (8*r + c)
			}
		}
	}
	return h
}

// sum32 sums s in four lanes (independent additions run in parallel). A
// segment of one grid row holds at most 114 box means of 0–255, well within
// float32 precision; rows are summed in float64.
func sum32(s []float32) float32 {
	var a, b, c, d float32
	for len(s) >= 4 {
		a += s[0]
		b += s[1]
		c += s[2]
		d += s[3]
		s = s[4:]
	}
	for _, v := range s {
		a += v
	}
	return (a + b) + (c + d)
}
