package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestHostileUpToDate regenerates the hostile corpus in memory and compares
// it with the committed files, so testdata never drifts from this program.
func TestHostileUpToDate(t *testing.T) {
	files, err := build()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "testdata", "hostile")
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v (run go generate in rules/evidence)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generator's output (run go generate in rules/evidence)", name)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(files) {
		t.Errorf("%d files in testdata/hostile, generator writes %d", len(entries), len(files))
	}
}
