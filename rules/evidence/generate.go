package evidence

//go:generate go run ./internal/gencorpus -out testdata/corpus
