package mrzread

//go:generate go run ./internal/gentemplates -out templates.bin
