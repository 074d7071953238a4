// Package form is the HTTP adapter of the authentication flow: it reads a
// multipart/form-data submission, streams the two files through the evidence
// rules, validates the typed fields, runs the [authn.Verifier] and answers
// with the review status or an RFC 9457 problem.
//
// # Entry points
//
// [Handler] is an [http.Handler] for POST requests. Callers with their own
// router or renderer call [Handler.Process], which returns an [Outcome]
// without writing anything, and [Handler.Write] (or their own template) to
// answer.
//
// # Request
//
// The body is wrapped in [http.MaxBytesReader] and read part by part with
// [mime/multipart.Reader]; nothing is spooled to disk and no part is held
// in memory beyond its limit: a text field up to [Options.MaxFieldBytes],
// a file up to the evidence limit (10 MiB by default) in the inspector's
// buffer, with at most [Options.MaxConcurrentFiles] files inspected at once
// across all requests. The text fields ([Fields]) are validated with
// go-playground/validator tags registered by [tags.RegisterValidations].
// The account comes from the caller's session, never from the form: from
// [Handler.ProcessFor], from the request's context where a framework's
// middleware put it with [WithAccount], or from [Options.Account], in that
// order; the account function answers [ErrNoSession] when nobody is signed
// in. What was read from the
// certificate comes from [Options.Document] (the site's OCR service or MRZ
// reader), never from the typed fields; without it nothing read the
// certificate, and every submission waits for a reviewer who compares the
// typed name and number with the photos.
//
// # Response
//
// A submission that is not rejected gets 202 Accepted with a [Status] (the
// review case, its state and deadline). A rejected one gets 422 with an
// application/problem+json [Problem] whose violations name their fields,
// with messages in the language of Accept-Language. A hostile or broken
// request (wrong method or content type, too large, too many parts,
// duplicate or unknown parts, a field too long, a malformed body) gets a 4xx
// problem with a code of its own (see [CodeTooLarge] and the others), and a
// request without a signed-in account 401; only a failure of the service
// itself (the session store, the document reader or the binding store down)
// gives 503.
//
// # Logs
//
// Every decision is logged to [Options.Logger] with the account, the
// verdict, the codes and the masked certificate number; a 503 is logged at
// Error level with its cause ([Outcome.Err]).
package form
