package evidence_test

import (
	"context"
	"fmt"
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
