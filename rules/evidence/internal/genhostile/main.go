// Command genhostile writes the corpus of hostile files: files made to
// exhaust memory or time in a decoder (budget.go) and files that hide active
// content or another file (hidden.go). Each file's name starts with its
// attack class; the tests of package evidence name the code each must get.
//
//	go run ./internal/genhostile -out testdata/hostile
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "testdata/hostile", "output directory")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	files, err := build()
	if err != nil {
		log.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// build returns every hostile file by name.
func build() (map[string][]byte, error) {
	m := map[string][]byte{}
	for _, part := range []func() (map[string][]byte, error){budgetFiles, hiddenFiles} {
		files, err := part()
		if err != nil {
			return nil, err
		}
		for name, b := range files {
			if _, dup := m[name]; dup {
				return nil, fmt.Errorf("genhostile: %s written twice", name)
			}
			m[name] = b
		}
	}
	return m, nil
}
