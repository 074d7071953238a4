// Package textfold folds certificate numbers as people type them into the
// characters a scheme expects.
//
// # Folding
//
// [Compact] turns full-width forms into ASCII (through
// golang.org/x/text/width), upper-cases letters and removes the separators a
// scheme prints. Clean input is returned without allocating, and input is
// bounded so that a hostile string cannot make it allocate without limit.
package textfold
