package vault

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/authn/review"
)

// DefaultRetention is how long the files of a decided or withdrawn case are
// kept: 30 days. A decision can be questioned for a while after it is made
// (the applicant complains, a second reviewer audits a sample, a retry
// links the rejected attempt and its reviewer compares the two), and a month
// covers that with room for a holiday; keeping identity documents longer
// than the purpose needs goes against data minimisation (PIPL art. 19,
// GDPR art. 5(1)(e)). The case itself, with its findings and masked number,
// outlives its files.
const DefaultRetention = 30 * 24 * time.Hour

// PurgeReport is what a purge did.
type PurgeReport struct {
	// Before is the decision time at or before which cases were purged:
	// now less the retention.
	Before time.Time `json:"before"`
	// Purged lists the cases whose files were deleted and that are now
	// marked purged.
	Purged []string `json:"purged"`
	// Failed counts the cases left for the next purge after an error.
	Failed int `json:"failed"`
}

// Purge deletes the files of every case decided or withdrawn at or before
// now less retention (0 means [DefaultRetention]) and not yet purged, and
// marks each purged in the case store ([review.Store.MarkPurged]): files
// first, then the mark, so a purge interrupted anywhere leaves the case
// unpurged and the next purge deletes again (Delete is idempotent) and
// marks it. A case still pending is never selected, and MarkPurged refuses
// one (a store that changed in between) before anything is lost: Purge
// checks the state it reads, and a case whose files were deleted keeps its
// decision.
//
// An error on one case does not stop the others: it is counted in Failed
// and returned, joined, after the rest; ctx ending stops the purge.
func Purge(ctx context.Context, cases review.Store, files Store, retention time.Duration, now time.Time) (PurgeReport, error) {
	if retention < 0 {
		return PurgeReport{}, errors.New("vault: negative retention")
	}
	if retention == 0 {
		retention = DefaultRetention
	}
	rep := PurgeReport{Before: now.Add(-retention), Purged: []string{}}
	var errs []error
	q := review.Query{DecidedBefore: rep.Before, Unpurged: true, Limit: review.MaxPage}
	for {
		page, err := cases.List(ctx, q)
		if err != nil {
			return rep, errors.Join(append(errs, fmt.Errorf("vault: purge: list cases: %w", err))...)
		}
		for _, c := range page {
			if err := ctx.Err(); err != nil {
				return rep, errors.Join(append(errs, err)...)
			}
			if err := purgeCase(ctx, cases, files, c, rep.Before, now); err != nil {
				rep.Failed++
				errs = append(errs, err)
				continue
			}
			rep.Purged = append(rep.Purged, c.ID)
		}
		if len(page) < q.Page() {
			return rep, errors.Join(errs...)
		}
		q.After = review.CursorOf(page[len(page)-1])
	}
}

// purgeCase deletes one case's files and marks it purged.
func purgeCase(ctx context.Context, cases review.Store, files Store, c *review.Case, before, now time.Time) error {
	decided := review.DecidedTime(c)
	if !c.State.Final() || decided.IsZero() || decided.After(before) || !c.FilesPurgedAt.IsZero() {
		// The store answered a query it should not have: keep the files.
		return fmt.Errorf("vault: purge: case %s (%s, decided %s) is not due", c.ID, c.State, decided.Format(time.RFC3339))
	}
	if err := files.Delete(ctx, c.ID); err != nil {
		return fmt.Errorf("vault: purge: case %s: %w", c.ID, err)
	}
	if _, err := cases.MarkPurged(ctx, c.ID, now); err != nil {
		return fmt.Errorf("vault: purge: case %s: files deleted, not marked: %w", c.ID, err)
	}
	return nil
}
