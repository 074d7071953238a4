// Package authn puts the rules together into individual real-name
// authentication: the application, the default policy, the verifier and its
// report, and the decisions that follow (review, binding slot).
//
// # Flow
//
//	Application ─► Verifier.Verify ─► typed-value checks (rules/precaution)
//	                                 ─► evidence files (rules/evidence)
//	                                 ─► the case stored, its slot reserved, in one transaction
//	                                 ─► Report{verdict, checks, violations} + review case
//
//	verdict reject  → case stored rejected with reasons, no slot taken; the applicant may retry
//	verdict review  → case submitted, slot pending until a reviewer decides
//	verdict accept  → the same, or approved at once with Policy.AutoApprove
//	Approve(id)     → case approved and slot confirmed, in one transaction
//	Reject/Withdraw → case closed and pending slot released, in one transaction
//	Claim           → the next case due, held for one reviewer under a lease
//	Expire          → abandoned pending cases withdrawn, their slots released
//
// # Cases
//
// The review case of every verification is kept in the case store, beside
// the binding slots in the same database: the store of the binder given with
// [WithBinder] (memory, SQLite or PostgreSQL, each a [review.Store] too), or
// a store in this process's memory without one. Decisions are made by case ID
// ([Verifier.Approve], [Verifier.Reject], [Verifier.Withdraw],
// [Verifier.StartReview], [Verifier.Retry]) from any process and on any day;
// nothing needs the report of the submission. An account has at most one
// pending case: a second submission returns a [*review.OpenCaseError] with
// the first.
//
// An [Application] holds the account (from the caller's account system),
// what the applicant typed, what the caller's OCR or MRZ reader read from the
// certificate, and the two [Evidence] files. With [WithZoneReader] the
// verifier reads the machine-readable zone of the certificate image itself
// and compares it with what was typed. When nothing read the certificate (a
// zero Document and no zone), the checks of the document are skipped and
// the application goes to a person: never accepted, never approved
// automatically. Only a machine-read match (the zone, or a Document whose
// Source is OCR) is approved automatically. [DefaultPolicy] is every
// precaution of the design as plain data; copy it, change fields, and pass
// it with [WithPolicy]. A [Verifier] is built with options ([WithClock],
// [WithBinder], [WithPolicy], [WithLanguage], [WithCalendar],
// [WithTimeout], [WithLogger], [WithMessages], [WithIDs], [WithZoneReader])
// and returns a [Report]: the verdict, every check by name with [Pass],
// [Fail] or [Skip], and the violations with messages in the configured
// language ([Verifier.Localize] renders another).
//
// # Errors
//
// Problems of the application are violations in the report. An error of
// [Verifier.Verify] matches [ErrInfrastructure] (a store down, a context
// done, a file that cannot be read) and never becomes a rejection. A broken
// policy is a [*rules.ConfigError] from [NewVerifier].
//
// # Guarantees
//
// The total work of one verification is bounded by its context (and
// [WithTimeout]): file reads stop when it ends. Reserving the binding slot is
// one atomic step of the store together with storing the case; it is taken
// only when no earlier check rejected the application. Certificate numbers
// appear masked in the report's JSON and in logs; the stores keep only keyed
// hashes. A [Report] decodes from its JSON, its number read back masked.
//
// # Subpackages
//
// [github.com/realname-go/realname/authn/review] is the review workflow,
// [github.com/realname-go/realname/authn/workday] the working-day calendars of
// its deadline, [github.com/realname-go/realname/authn/form] the HTTP form
// handler, [github.com/realname-go/realname/authn/binding] the binding stores
// and [github.com/realname-go/realname/authn/authntest] fixtures for tests.
package authn
