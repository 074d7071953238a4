// Package review is the review workflow of an authentication application.
//
// # States
//
// An application is [Submitted], then [UnderReview], and ends [Approved],
// [Rejected] (with reasons; the applicant may retry) or [Withdrawn]. An
// automatic verdict may approve or reject straight from Submitted. Any
// other move is an error matching [ErrIllegalTransition]; a [*Case] never
// changes state on error.
//
//	Submitted ──► UnderReview ──► Approved
//	    │  │           │   └────► Rejected ──► (Retry: a new Case)
//	    │  └──────────►│────────► Withdrawn
//	    └──► Approved / Rejected (automatic verdict)
//
// # History and retries
//
// Every move is an [Event] appended to [Case.History], stamped with the
// [Workflow]'s clock. [Workflow.Retry] opens a new attempt whose
// [Case.Previous] names the rejected one, with a new deadline.
//
// # Deadlines
//
// A case is due a number of working days (default 3) after submission under
// a [workday.Calendar] in a time zone; see [Options].
package review
