package binding_test

import (
	"context"
	"fmt"
	"time"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// A case and its slot move together: Open stores the case and reserves the
// slot, Claim hands the case to a reviewer, and Decide approves it and
// confirms the slot in one step.
func ExampleMemory_cases() {
	ctx := context.Background()
	store := binding.NewMemory()
	defer store.Close()
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))

	now := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC) // a Monday
	w := review.New(review.Options{
		Clock: certificate.Clock{Now: func() time.Time { return now }},
		NewID: func() string { return "case-1" },
	})
	n := certificate.NewNumber(certificate.Passport, "DE", "C01X00T47")
	key, _ := keys.Key(n)
	c, _ := w.Submit("alice")
	c.Kind, c.Region, c.Verdict = n.Kind(), n.Region(), rules.NeedsReview
	c.Certificate = &review.CertificateRef{
		Digest: review.Digest(key.Current), SecretID: key.SecretID,
		Masked: n.String(), Kind: n.Kind(), Region: n.Region(),
	}

	res, err := store.Open(ctx, c, &review.SlotRequest{Limit: 3})
	fmt.Println("open:", res.Held, res.Count, err)
	_, err = store.Open(ctx, c, &review.SlotRequest{Limit: 3})
	fmt.Println("again:", err)

	claimed, _ := store.Claim(ctx, "reviewer-7", now.Add(time.Hour), 30*time.Minute)
	fmt.Println("claim:", claimed.ID, claimed.State, claimed.ClaimedBy)

	_, err = store.Decide(ctx, review.Decision{ID: "case-1", To: review.Approved, Actor: "reviewer-8", At: now.Add(70 * time.Minute), Limit: 3})
	fmt.Println("another reviewer:", err)
	done, _ := store.Decide(ctx, review.Decision{ID: "case-1", To: review.Approved, Actor: "reviewer-7", At: now.Add(80 * time.Minute), Limit: 3})
	fmt.Println("decide:", done.State, len(done.History), "events")

	slot, _ := store.Status(ctx, key, "alice", now.Add(2*time.Hour))
	fmt.Println("slot:", slot.State, slot.Count)
	// Output:
	// open: true 1 <nil>
	// again: review: the account already has pending case case-1
	// claim: case-1 under_review reviewer-7
	// another reviewer: review: another reviewer holds the case
	// decide: approved 3 events
	// slot: confirmed 1
}
