package precaution_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// TestZoneMismatchReportedOnce: a birth date typed on the form that differs
// from the zone read from the image is found both by the zone check (the
// document's zone against its data page, once the zone filled the document)
// and by the zone-read check; the applicant sees it once, whether the checks run through New or one by one with DropRepeats.
// Two different items are still two violations.
func TestZoneMismatchReportedOnce(t *testing.T) {
	z := zhangSan(t)
	a := zoneApplication(t)
	a.Document = precaution.FillFromZone(precaution.Document{
		Birth:    date(1991, 3, 7),
		Validity: certificate.Validity{Expires: date(2035, 1, 1)},
	}, z.Document)
	opts := precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}}

	items := func(vs []rules.Violation) map[string]int {
		out := map[string]int{}
		for _, v := range vs {
			if v.Code == precaution.CodeMRZMismatch {
				out[v.Param("item")]++
			}
		}
		return out
	}
	want := map[string]int{"birth": 1, "expiry": 1}

	all, err := precaution.New(opts)
	require.NoError(t, err)
	assert.Equal(t, want, items(check(t, all, a)), "through New")

	checks, err := precaution.Checks(opts)
	require.NoError(t, err)
	seen := map[rules.Code]bool{}
	var vs []rules.Violation
	for _, c := range checks {
		vs = append(vs, precaution.DropRepeats(seen, check(t, c.Rule, a))...)
	}
	assert.Equal(t, want, items(vs), "check by check")
}
