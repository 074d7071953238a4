// Package form is the HTTP adapter of the authentication flow: it reads a
// multipart/form-data submission, runs the evidence rules on its two files,
// validates the typed fields, runs the [authn.Verifier] and answers with
// the review status or an RFC 9457 problem.
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
// a file up to the evidence limit (10 MiB by default). Each file is read
// whole into a pooled buffer first; only then does it take one of the
// [Options.MaxConcurrentFiles] inspection slots, is inspected from memory,
// and gives the slot back, so no slot ever waits on the network. Its bytes
// go to the verifier as [authn.Evidence.Content] with the report, for an
// evidence store (the buffer is reused once the request is answered). A
// request whose file outgrows [InitialFileBuffer] takes one of
// [Options.MaxConcurrentUploads] upload slots, so the files buffered at
// once take at most MaxConcurrentUploads × 2 × (limit + 1) bytes (160 MiB
// at the defaults) plus 2 × InitialFileBuffer per request still below
// that; the inspections add MaxConcurrentFiles times the inspector's
// per-file budget (its read buffer and evidence.Options.MaxDecodeBytes).
// Run the server with GOMEMLIMIT near that sum: without it the collector
// lets garbage grow as large as the live heap before it runs.
// The text fields ([Fields]) are validated with
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
// # Slow clients
//
// A client must keep its upload moving. It has [Options.UploadGrace]
// (10 s) to start sending the body; from then on every n bytes that arrive
// move its deadline n/[Options.MinUploadRate] later (16 KiB/s), never more
// than UploadGrace ahead of the clock, so a fast start banks no time for a
// stall. The deadline is the connection's read deadline, set with
// [http.ResponseController] as bytes arrive, and never later than
// [Options.Timeout], within which the whole body must arrive. A client that
// misses it is cut off: 408 with [CodeTooSlow] and Connection: close. The
// clock stops while the handler itself is not reading (waiting for a slot,
// inspecting the first file), and each time it resumes the client has a
// fresh window. A trickling client holds no inspection slot, no upload
// slot (until it has sent [InitialFileBuffer] of a file) and no more than
// that buffer per file. Behind a response writer without read deadlines
// (httptest.ResponseRecorder, a middleware's wrapper without Unwrap, a nil
// writer passed to [Handler.Process]) each read waits in a goroutine
// instead, and the deadline closes the body and answers the same 408.
// Request headers are the server's to bound (http.Server.ReadHeaderTimeout).
//
// An account has at most [Options.MaxRequestsPerAccount] requests (2) in
// progress; one more answers 429 with Retry-After and
// [CodeTooManyRequests] before its body is read.
//
// # Response
//
// A submission that is not rejected gets 202 Accepted with a [Status] (the
// review case, its state and deadline). A rejected one gets 422 with an
// application/problem+json [Problem] whose violations name their fields,
// with messages in the language of Accept-Language. A hostile or broken
// request (wrong method or content type, too large, too many parts,
// duplicate or unknown parts, a field too long, a malformed body) gets a 4xx
// problem with a code of its own (see [CodeTooLarge] and the others), a
// request without a signed-in account 401, a body arriving too slowly 408
// and an account's request over its limit 429; only a failure of the
// service itself (the session store, the document reader or the binding
// store down, or the request's time running out while it waits for a
// slot) gives 503.
//
// # Logs
//
// Every decision is logged to [Options.Logger] with the account, the
// verdict, the codes and the masked certificate number; a 503 is logged at
// Error level with its cause ([Outcome.Err]).
package form
