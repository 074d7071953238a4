package vault

import "gocloud.dev/blob"

// BucketOf returns the blob bucket under a store, for the examples.
func BucketOf(s *Bucket) *blob.Bucket { return s.b }
