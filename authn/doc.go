// Package authn puts the rules together into individual real-name
// authentication: the application, the default policy, the verifier and its
// report, the review workflow with working-day deadlines, the
// certificate-binding stores, and the HTTP form adapter.
package authn
