package authn_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/precaution"
)

// exported returns the exported fields of r, times in UTC: what a decoded
// report must give back. JSON keeps a time's offset but not its zone's name.
func exported(r *authn.Report) authn.Report {
	var out authn.Report
	src, dst := reflect.ValueOf(r).Elem(), reflect.ValueOf(&out).Elem()
	for i := range src.NumField() {
		if src.Type().Field(i).IsExported() {
			dst.Field(i).Set(src.Field(i))
		}
	}
	out.CheckedAt = out.CheckedAt.UTC()
	if out.Review != nil {
		c := *out.Review
		c.SubmittedAt, c.Due.At = c.SubmittedAt.UTC(), c.Due.At.UTC()
		c.History = append([]review.Event(nil), c.History...)
		for i := range c.History {
			c.History[i].At = c.History[i].At.UTC()
		}
		out.Review = &c
	}
	return out
}

// roundTrip encodes rep, decodes it, and checks that the decoded report is
// rep with its Number read back masked, that it encodes to the same JSON,
// and that the number stays masked throughout.
func roundTrip(t *testing.T, rep *authn.Report) *authn.Report {
	t.Helper()
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	var back authn.Report
	require.NoError(t, json.Unmarshal(b, &back), string(b))

	want := exported(rep)
	if !rep.Number.IsZero() {
		require.NoError(t, want.Number.UnmarshalText([]byte(rep.Number.String())))
		assert.True(t, back.Number.Masked(), "the masked number names no certificate")
		assert.False(t, back.Number.Equal(rep.Number))
	}
	assert.Equal(t, want, exported(&back), "the report decodes to what was encoded, the number masked")

	again, err := json.Marshal(&back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again), "decoded and encoded again, the report is unchanged")
	if !rep.Number.IsZero() {
		assert.Contains(t, string(again), `"number":"`+rep.Number.String()+`"`, "the number stays masked")
		assert.NotContains(t, string(again), rep.Number.Canonical())
	}
	return &back
}

// TestReportJSONRoundTrip encodes and decodes a whole report at each step of
// its life: submitted with findings, files and a pending slot, then rejected
// by a reviewer with reasons, its slot released.
func TestReportJSONRoundTrip(t *testing.T) {
	ctx := context.Background()
	v := newVerifier(t, authn.WithBinder(newBinder(t, binding.NewMemory())))
	app := application(t, 60)
	app.Document = precaution.Document{} // nothing read: two review findings
	rep, err := v.Verify(ctx, app)
	require.NoError(t, err)
	require.Equal(t, rules.NeedsReview, rep.Verdict)
	require.Len(t, rep.Violations, 2)
	require.Len(t, rep.Files, 2)
	require.NotNil(t, rep.Files[0].Scores)
	require.NotNil(t, rep.Binding)
	require.Equal(t, binding.Pending, rep.Binding.State)
	require.False(t, rep.Number.IsZero())
	roundTrip(t, rep)

	_, err = v.StartReview(ctx, rep.Review.ID, "reviewer-7")
	require.NoError(t, err)
	c, err := v.Reject(ctx, rep.Review.ID, "reviewer-7", review.Reason(review.CodeHeadwear, "handheld"),
		rules.Violate(review.CodeUnreadable, rules.Reject, true, "side", "back").At("certificate"))
	require.NoError(t, err)
	require.Equal(t, review.Rejected, c.State)
	require.Len(t, c.Reasons, 2)
	require.Len(t, c.History, 3)
	slot, err := v.Slot(ctx, c)
	require.NoError(t, err)
	require.Equal(t, binding.None, slot.State, "the reviewer's rejection released the slot")
	rep.Review = c
	rep.Binding = &slot
	roundTrip(t, rep)

	// A report whose number did not parse has no number to mask.
	app = application(t, 61)
	app.Claim.Number = "not a number"
	rep, err = v.Verify(ctx, app)
	require.NoError(t, err)
	require.True(t, rep.Number.IsZero())
	require.Equal(t, rules.Rejected, rep.Verdict)
	back := roundTrip(t, rep)
	assert.Equal(t, rep.Codes(), back.Codes())
}

// TestDecisionFromDecodedReport: a report written to JSON and read back in
// another process is enough to decide, because decisions go by case ID: the
// approval moves both the case and its slot. Before, a decoded report could
// not move its slot and Approve then left it pending.
func TestDecisionFromDecodedReport(t *testing.T) {
	ctx := context.Background()
	store := binding.NewMemory()
	v := newVerifier(t, authn.WithBinder(newBinder(t, store)))
	rep, err := v.Verify(ctx, application(t, 62))
	require.NoError(t, err)
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	var decoded authn.Report
	require.NoError(t, json.Unmarshal(b, &decoded))

	other := newVerifier(t, authn.WithBinder(newBinder(t, store))) // a fresh verifier on the same store
	c, err := other.Approve(ctx, decoded.Review.ID, "reviewer", "")
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
	slot, err := other.Slot(ctx, c)
	require.NoError(t, err)
	assert.Equal(t, binding.Confirmed, slot.State, "the slot moved with the case")

	// Without a binding store the case lives in the verifier's memory.
	plain := newVerifier(t)
	rep, err = plain.Verify(ctx, application(t, 63))
	require.NoError(t, err)
	c, err = plain.Approve(ctx, rep.Review.ID, "reviewer", "")
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
}

func TestOutcomeJSONRoundTrip(t *testing.T) {
	for _, o := range []authn.Outcome{authn.Pass, authn.Fail, authn.Skip} {
		b, err := json.Marshal(o)
		require.NoError(t, err)
		assert.Equal(t, `"`+string(o)+`"`, string(b))
		var back authn.Outcome
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, o, back)
	}
}

func TestCheckResultJSONRoundTrip(t *testing.T) {
	for _, c := range []authn.CheckResult{
		{Name: authn.CheckNumber, Outcome: authn.Pass, Verdict: rules.Accept},
		{Name: authn.CheckValidity, Outcome: authn.Fail, Verdict: rules.Rejected, Codes: []rules.Code{precaution.CodeExpired}},
		{Name: authn.CheckNameMatch, Outcome: authn.Skip, Verdict: rules.NeedsReview, Codes: []rules.Code{precaution.CodeNameUnverified}, Note: "nothing read the certificate"},
	} {
		b, err := json.Marshal(c)
		require.NoError(t, err)
		var back authn.CheckResult
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.Equal(t, c, back, string(b))
	}
}

func TestFindingJSONRoundTrip(t *testing.T) {
	f := authn.Finding{
		Violation: rules.Violate(binding.CodeLimitReached, rules.Reject, false, "count", "3", "limit", "3").At("claim.number"),
		Message:   "This certificate already authenticates 3 accounts.",
	}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	var back authn.Finding
	require.NoError(t, json.Unmarshal(b, &back), string(b))
	assert.Equal(t, f, back)
}

// TestFileResultJSONRoundTrip covers every evidence format, and the empty
// one of a file that is none.
func TestFileResultJSONRoundTrip(t *testing.T) {
	for _, format := range []evidence.Format{evidence.JPEG, evidence.PNG, evidence.BMP, evidence.PDF, ""} {
		f := authn.FileResult{Role: evidence.Certificate.String(), Format: format, Width: 1000, Height: 640, Pages: 1, Size: 123456,
			Scores: &evidence.Scores{Sharpness: 412.5, Brightness: 131.25, Glare: 0.001, Chroma: 22.75}}
		b, err := json.Marshal(f)
		require.NoError(t, err)
		var back authn.FileResult
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.Equal(t, f, back, string(b))
	}
}
