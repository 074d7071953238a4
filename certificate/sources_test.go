package certificate_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The certificate packages and internal/ cite public sources (standards,
// laws, URLs) and read only files inside the module: no citation of the
// project's unpublished notes, no path out of the module. The names are
// built from parts so that this file does not match itself.
func TestSourcesArePublicAndInModule(t *testing.T) {
	forbidden := []string{
		"facts" + ".md",       // unpublished research notes
		"design" + ".md",      // unpublished design notes
		"shared" + "/data",    // data outside the module
		"../" + "../" + "../", // a path out of the module
	}
	for _, root := range []string{".", filepath.Join("..", "internal")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch filepath.Ext(path) {
			case ".go", ".md", ".txt":
			default:
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for i, line := range strings.Split(string(b), "\n") {
				for _, f := range forbidden {
					if strings.Contains(line, f) {
						t.Errorf("%s:%d mentions %q: %s", path, i+1, f, strings.TrimSpace(line))
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
