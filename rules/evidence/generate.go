package evidence

//go:generate go run ./internal/gencorpus -out testdata/corpus
//go:generate go run ./internal/genhostile -out testdata/hostile
