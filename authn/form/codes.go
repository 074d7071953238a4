package form

import "github.com/realname-go/realname/rules"

// Codes of requests the handler refuses before any rule runs. Each is a
// [rules.Code], so errors.Is matches it, and has messages in the rules
// catalog.
const (
	// CodeMethodNotAllowed: the request is not a POST (405).
	CodeMethodNotAllowed rules.Code = "form.method_not_allowed"
	// CodeUnauthorized: the request has no signed-in account (401).
	CodeUnauthorized rules.Code = "form.unauthorized"
	// CodeNotMultipart: the body is not multipart/form-data with a boundary (415).
	CodeNotMultipart rules.Code = "form.not_multipart"
	// CodeTooLarge: the body is larger than the limit (413). Params: limit.
	CodeTooLarge rules.Code = "form.too_large"
	// CodeMalformed: the multipart body cannot be read (400).
	CodeMalformed rules.Code = "form.malformed"
	// CodeTooManyParts: the body has more parts than the limit (400). Params: limit.
	CodeTooManyParts rules.Code = "form.too_many_parts"
	// CodeFieldTooLong: a text field is longer than the limit (400). Params: limit.
	CodeFieldTooLong rules.Code = "form.field_too_long"
	// CodeUnknownPart: a part has a name the form does not have (400). Params: name.
	CodeUnknownPart rules.Code = "form.unknown_part"
	// CodeDuplicatePart: a part name appears twice (400).
	CodeDuplicatePart rules.Code = "form.duplicate_part"
	// CodeFileExpected: a file field holds text, or a text field a file (400).
	CodeFileExpected rules.Code = "form.file_expected"
	// CodeUnavailable: the service could not complete the verification (503);
	// the applicant may try again later. Never a rejection.
	CodeUnavailable rules.Code = "form.unavailable"
	// CodeInvalid: the submission breaks rules; the violations say which (422).
	CodeInvalid rules.Code = "form.invalid"
	// CodePending: the account already has an application waiting for a
	// decision (409); the answer carries that case's status.
	CodePending rules.Code = "form.pending"
	// CodeNotFound: no case of the account has the ID asked for (404),
	// including the cases of other accounts, whose existence is not told.
	CodeNotFound rules.Code = "form.not_found"
	// CodeNotRetryable: a retry names a case of the account that is not
	// rejected (409).
	CodeNotRetryable rules.Code = "form.not_retryable"
	// CodeTooSlow: the body arrived slower than [Options.MinUploadRate], or
	// not within [Options.Timeout] (408). Params: min_rate_size.
	CodeTooSlow rules.Code = "form.too_slow"
	// CodeTooManyRequests: the account already has
	// [Options.MaxRequestsPerAccount] requests being processed (429, with
	// Retry-After). Params: limit.
	CodeTooManyRequests rules.Code = "form.too_many_requests"
)
