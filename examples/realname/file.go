package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/examples/internal/appfile"
	"github.com/realname-go/realname/rules/evidence"
)

// fileResult is one output object of cmdFile.
type fileResult struct {
	Path    string             `json:"path"`
	Verdict string             `json:"verdict"`
	Format  string             `json:"format"`
	Width   int                `json:"width,omitempty"`
	Height  int                `json:"height,omitempty"`
	Pages   int                `json:"pages,omitempty"`
	Size    int64              `json:"size"`
	Codes   []string           `json:"codes"`
	Scores  map[string]float64 `json:"scores,omitempty"`
	Error   string             `json:"error,omitempty"`
}

// cmdFile inspects evidence files and writes one JSON object per file.
// Rejected or reviewed files do not change the exit status; 2 means a usage
// error, 1 a file that could not be read or an output error.
func cmdFile(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("file", flag.ContinueOnError)
	fs.SetOutput(stderr)
	roleFlag := fs.String("role", "certificate", "upload role: certificate or handheld")
	pixels := fs.Bool("pixels", true, "run the pixel checks (blur, brightness, glare, colour)")
	maxBytes := fs.Int64("max-bytes", evidence.DefaultMaxBytes, "largest accepted file size in bytes")
	maxPages := fs.Int("max-pages", evidence.DefaultMaxPages, "largest accepted PDF page count")
	timeout := fs.Duration("timeout", 2*time.Minute, "give up after this long, for all the files")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: realname file [-role certificate|handheld] [-pixels=false] PATH...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	role, ok := evidence.ParseRole(*roleFlag)
	if !ok || fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	in, err := evidence.NewInspector(evidence.Options{MaxBytes: *maxBytes, MaxPages: *maxPages, PixelChecks: *pixels})
	if err != nil {
		fmt.Fprintln(stderr, "realname file:", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	return eachPath(fs.Args(), stdout, stderr, "file", func(path string) (any, bool) {
		res := inspectPath(ctx, in, path, role)
		return res, res.Error == ""
	})
}

// eachPath writes one JSON object per path, the result of do, and returns
// the exit status: 0, or 1 when do failed on a path or the output could not
// be written.
func eachPath(paths []string, stdout, stderr io.Writer, name string, do func(path string) (result any, ok bool)) int {
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	status := 0
	for _, path := range paths {
		res, ok := do(path)
		if !ok {
			status = 1
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
			return 1
		}
	}
	return status
}

// inspectFile inspects the file at path under ctx; the path's base name is
// its declared name. Only a regular file is read: a pipe or a device is an
// error, never a wait.
func inspectFile(ctx context.Context, in *evidence.Inspector, path string, role evidence.Role) (evidence.Report, error) {
	f, err := appfile.OpenRegular(path)
	if err != nil {
		return evidence.Report{}, err
	}
	defer f.Close()
	return in.Inspect(ctx, authn.ContextReader(ctx, f), filepath.Base(path), "", role)
}

// inspectPath inspects one file for realname file.
func inspectPath(ctx context.Context, in *evidence.Inspector, path string, role evidence.Role) fileResult {
	res := fileResult{Path: path, Codes: []string{}}
	rep, err := inspectFile(ctx, in, path, role)
	if err != nil {
		res.Verdict, res.Error = "error", err.Error()
		return res
	}
	res.Verdict = rep.Verdict().String()
	res.Format = string(rep.Format)
	res.Width, res.Height, res.Pages, res.Size = rep.Width, rep.Height, rep.Pages, rep.Size
	for _, v := range rep.Violations {
		res.Codes = append(res.Codes, string(v.Code))
	}
	if s := rep.Scores; s != nil {
		res.Scores = map[string]float64{"sharpness": s.Sharpness, "brightness": s.Brightness, "glare": s.Glare, "chroma": s.Chroma}
	}
	return res
}
