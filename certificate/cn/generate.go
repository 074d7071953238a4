package cn

//go:generate go run gen.go
