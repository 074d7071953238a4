// Package frameworks is a nested module of runnable examples that mount
// realname in the common Go web frameworks, so that the library's own
// go.mod requires none of them:
//
//   - gin: the validator tags on gin's binder (binding.Validator.Engine()),
//     the form handler with the account gin's session middleware set
//     (c.Get), through Handler.ProcessFor;
//   - echo: an echo.Validator built on validator/v10 with the tags, the form
//     handler behind echo.WrapHandler, the account of echo's context put
//     into the request's with form.WithAccount;
//   - chi: a plain validator/v10, and a net/http session middleware that
//     calls form.WithAccount.
//
// Each program serves the same three routes (POST /authn/check, a JSON
// pre-check of the typed fields; POST /authn, the multipart form; GET
// /authn/{case}, the applicant's status page) and its test drives them with
// net/http/httptest and the fixtures of authn/authntest:
//
//	cd examples/frameworks && go test ./...
//	go run ./gin -addr localhost:8080
package frameworks
