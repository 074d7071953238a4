package evidence_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"strings"

	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

// Inspect a certificate scan read from a file (or a multipart part).
func ExampleInspector_Inspect() {
	in, err := evidence.NewInspector(evidence.Options{})
	if err != nil {
		panic(err)
	}
	f, err := os.Open("testdata/corpus/good_2page.pdf")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	rep, err := in.Inspect(context.Background(), f, "id-card.pdf", "application/pdf", evidence.Certificate)
	if err != nil {
		panic(err)
	}
	fmt.Println(rep.Format, rep.Pages, rep.Verdict())
	// Output: pdf 2 accept
}

// An iPhone HEIC photo renamed to .jpg is refused with a code that names
// the format.
func ExampleInspect() {
	heic := strings.NewReader("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
	rep, err := evidence.Inspect(context.Background(), heic, "IMG_0001.jpg", "image/jpeg", evidence.Handheld, evidence.Options{})
	if err != nil {
		panic(err)
	}
	for _, v := range rep.Violations {
		fmt.Println(v.Code, v.Severity)
	}
	// Output: file.format_heic reject
}

// The inspector is a rules.Rule[evidence.File]; pixel checks and their
// severity are options.
func ExampleInspector_Check() {
	in, err := evidence.NewInspector(evidence.Options{PixelChecks: true, PixelReject: true})
	if err != nil {
		panic(err)
	}
	var rule rules.Rule[evidence.File] = in
	vs, err := rule.Check(context.Background(), evidence.File{
		Name: "blurry.jpg",
		Role: evidence.Handheld,
		Open: func() (io.ReadCloser, error) { return os.Open("testdata/corpus/blurry.jpg") },
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(rules.Result{Violations: vs}.Verdict(), vs[0].Code)
	// Output: reject file.blurry
}

// Options: a zero value gives the defaults.
func ExampleOptions() {
	in, err := evidence.NewInspector(evidence.Options{})
	if err != nil {
		panic(err)
	}
	o := in.Options()
	fmt.Println(o.MaxBytes, o.MaxPixels, o.MaxPages, o.MinCertificate, o.MinHandheld, o.PixelChecks)
	// Output: 10485760 50000000 2 {600 800} {480 640} false
}

// Sniff names the format from magic bytes alone; the declared name and type
// play no part. A Windows executable gets its own code.
func ExampleSniff() {
	for _, head := range []string{
		"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
		"\x89PNG\r\n\x1a\n",
		"%PDF-1.7\n",
		"MZ\x90\x00\x03\x00\x00\x00",
		"GIF89a",
		"",
	} {
		f, code, name := evidence.Sniff([]byte(head))
		fmt.Printf("%q %q %q\n", f, code, name)
	}
	// Output:
	// "jpeg" "" ""
	// "png" "" ""
	// "pdf" "" ""
	// "" "file.format_executable" "exe"
	// "" "file.format_gif" "gif"
	// "" "file.empty" ""
}

// Only JPEG, PNG and BMP are images; a handheld photo must be one.
func ExampleFormat_IsImage() {
	for _, f := range []evidence.Format{evidence.JPEG, evidence.PNG, evidence.BMP, evidence.PDF} {
		fmt.Println(f, f.IsImage())
	}
	// Output:
	// jpeg true
	// png true
	// bmp true
	// pdf false
}

// ParseRole reads the role names the command-line tool and forms use.
func ExampleParseRole() {
	for _, s := range []string{"certificate", "handheld", "selfie"} {
		r, ok := evidence.ParseRole(s)
		fmt.Println(r, ok)
	}
	// Output:
	// certificate true
	// handheld true
	// none false
}

// The default minimum dimensions of each role, short side by long side.
func ExampleDefaultMinDimensions() {
	fmt.Println(evidence.DefaultMinDimensions(evidence.Certificate))
	fmt.Println(evidence.DefaultMinDimensions(evidence.Handheld))
	// Output:
	// {600 800}
	// {480 640}
}

// The default pixel-check thresholds; copy them and change one to tune.
func ExampleDefaultThresholds() {
	th := evidence.DefaultThresholds()
	fmt.Printf("%+v\n", th)
	th.MinSharpness = 80
	_, err := evidence.NewInspector(evidence.Options{PixelChecks: true, Thresholds: th})
	fmt.Println(err)
	// Output:
	// {MinSharpness:50 MinBrightness:50 MaxBrightness:225 MaxGlare:0.1 MinChroma:4}
	// <nil>
}

// NewInspector fills in defaults and refuses options that make no sense with
// a configuration error.
func ExampleNewInspector() {
	in, err := evidence.NewInspector(evidence.Options{})
	fmt.Println(err, in.Options().MaxBytes, in.Options().MaxPages)
	_, err = evidence.NewInspector(evidence.Options{MaxBytes: -1})
	var ce *rules.ConfigError
	fmt.Println(errors.As(err, &ce))
	// Output:
	// <nil> 10485760 2
	// true
}

// The verdict of a report is the worst severity among its violations.
func ExampleReport_Verdict() {
	rep := evidence.Report{Violations: []rules.Violation{
		{Code: evidence.CodeNoCameraMetadata, Severity: rules.Review},
	}}
	fmt.Println(rep.Verdict())
	rep.Violations = append(rep.Violations, rules.Violation{Code: evidence.CodeTruncated, Severity: rules.Reject})
	fmt.Println(rep.Verdict())
	fmt.Println(evidence.Report{}.Verdict())
	// Output:
	// review
	// reject
	// accept
}

// The photo of the applicant holding the certificate must not be the
// certificate image again: the same file is refused; the same picture saved
// again (here as PNG) goes to a person, with the number of differing bits of
// the two difference hashes.
func ExampleCompare() {
	in, err := evidence.NewInspector(evidence.Options{PixelChecks: true})
	if err != nil {
		panic(err)
	}
	inspect := func(b []byte, name string, role evidence.Role) evidence.Report {
		rep, err := in.Inspect(context.Background(), bytes.NewReader(b), name, "", role)
		if err != nil {
			panic(err)
		}
		return rep
	}
	photo, err := os.ReadFile("testdata/corpus/good_camera.jpg")
	if err != nil {
		panic(err)
	}
	certificate := inspect(photo, "card.jpg", evidence.Certificate)

	for _, v := range evidence.Compare(certificate, inspect(photo, "me.jpg", evidence.Handheld)) {
		fmt.Println(v.Field, v.Code, v.Severity)
	}

	img, err := jpeg.Decode(bytes.NewReader(photo))
	if err != nil {
		panic(err)
	}
	var saved bytes.Buffer
	if err := png.Encode(&saved, img); err != nil {
		panic(err)
	}
	for _, v := range evidence.Compare(certificate, inspect(saved.Bytes(), "me.png", evidence.Handheld)) {
		fmt.Println(v.Field, v.Code, v.Severity, v.Param("distance"))
	}
	// Output:
	// handheld file.same_as_certificate reject
	// handheld file.similar_to_certificate review 0
}

// A report handed in instead of the file is trusted only when the
// inspector made it; copies count, reports built by hand or read back from
// JSON do not.
func ExampleInspector_Made() {
	in, err := evidence.NewInspector(evidence.Options{})
	if err != nil {
		panic(err)
	}
	f, err := os.Open("testdata/corpus/good_1page.pdf")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	rep, err := in.Inspect(context.Background(), f, "scan.pdf", "application/pdf", evidence.Certificate)
	if err != nil {
		panic(err)
	}
	copied := rep
	fmt.Println("inspected:", in.Made(rep), in.Made(copied))

	madeUp := evidence.Report{Format: evidence.PDF, Pages: 1, Size: rep.Size}
	fmt.Println("built by hand:", in.Made(madeUp))

	b, err := json.Marshal(rep)
	if err != nil {
		panic(err)
	}
	var decoded evidence.Report
	if err := json.Unmarshal(b, &decoded); err != nil {
		panic(err)
	}
	fmt.Println("from JSON:", in.Made(decoded), decoded.Fingerprint == rep.Fingerprint)

	other, err := evidence.NewInspector(evidence.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println("another inspector:", other.Made(rep))
	// Output:
	// inspected: true true
	// built by hand: false
	// from JSON: false true
	// another inspector: false
}
