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
// # Notes and retention
//
// A note ([Store.Note], [AddNote]) is an [Event] with an Action that
// records something other than a move, such as a reviewer's deliberate reveal
// of the certificate number ([ActionReveal]) or the storing of the evidence
// files ([ActionFilesStored]); its From and To are the case's state. A case
// records when it reached its final state ([Case.DecidedAt]) and when its
// files were deleted ([Case.FilesPurgedAt], [Store.MarkPurged]). A purge
// lists what it must delete with [Query.DecidedBefore] and [Query.Unpurged],
// marks each case as its files go, and never touches a pending case
// ([ErrStillPending]).
//
// # Deadlines
//
// A case is due a number of working days (default 3) after submission under
// a [workday.Calendar] in a time zone; see [Options].
package review
