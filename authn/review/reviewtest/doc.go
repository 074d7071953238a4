// Package reviewtest is the conformance suite of [review.Store]. The case
// store lives in the same database as the binding slots, so the suite tests
// one value that is both a [review.Store] and a [binding.Store] ([Stores]):
// every store of package binding passes it, and users run it against their
// own stores:
//
//	func TestMyStoreCases(t *testing.T) {
//		reviewtest.Run(t, func(t *testing.T) reviewtest.Stores {
//			return newEmptyStore(t) // its own database; cleanup with t.Cleanup
//		})
//	}
//
// Run it beside bindingtest.Run, which checks the binding half alone.
//
// # What it checks
//
// [Run] checks every contract written on [review.Store], each subtest on a
// new, empty store, with table tests whose rows say why:
//
//   - Open reserves the pending case's slot and stores the case in one step;
//     a refusal by the limit stores nothing; an account has one pending case
//     ([review.OpenCaseError]); a final case takes no slot; retries open
//     after a rejection; Open never changes its argument and stored cases
//     are never shared with callers.
//   - Decide moves the case and confirms or releases its slot in one step;
//     the same decision again changes nothing; an illegal move, an unknown
//     case, a missing or lost slot, or another reviewer's live lease change
//     nothing.
//   - Claim hands out the earliest deadline first, never the same case to
//     two reviewers, returns cases whose lease ended, and gives a reviewer
//     its live case again.
//   - List filters and pages by keyset in (deadline, ID) order; Stats counts
//     pending, overdue and decided cases; Expire withdraws abandoned cases
//     and frees their slots; a write under a rotated secret relabels the
//     cases with their slots.
//   - Note appends a note that keeps the state, the claim and the slot, in
//     the order of the calls; a reveal under another reviewer's live lease
//     is [review.ErrLeaseHeld]; a decision repeated after notes is still
//     idempotent. MarkPurged refuses a pending case
//     ([review.ErrStillPending]), records the purge of a final one once and
//     returns it unchanged after. Decisions and Expire set DecidedAt.
//   - List with DecidedBefore and Unpurged selects the final cases a purge
//     must visit, and its pages visit each once while the purge marks them.
//   - Races: [Goroutines] accounts opening on one certificate leave exactly
//     the limit of cases and slots; one account opening many cases at once
//     opens one; two actors deciding one case apply one move; approval racing
//     withdrawal leaves case and slot agreeing; [Claimers] reviewers claiming
//     at once claim every case exactly once.
//
// At the end of every subtest [CheckInvariants] checks that cases and slots
// agree: a pending case holds a pending slot, an approved one a confirmed
// slot, and a rejected, withdrawn or expired one none; that final cases have
// a DecidedAt and pending ones none; and that notes keep the state.
//
// Every time comes from [Base]; stores must use the times they are given
// (the case's SubmittedAt for Open, the decision's At for Decide, now for
// Claim, Stats and Expire), never their own clock. The certificates are
// synthetic ([Ref], [KeyOf]), so the suite needs no keyring.
//
// Stores shared between processes need their own multi-process tests as
// well; [NewCase], [Ref], [KeyOf] and [CheckInvariants] help write them.
package reviewtest
