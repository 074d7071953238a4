package rules_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/rules"
)

func TestResultAndErrors(t *testing.T) {
	tests := []struct {
		reason string
		vs     []rules.Violation
		want   rules.Verdict
	}{
		{"no violation accepts", nil, rules.Accept},
		{"only review violations ask for review", []rules.Violation{rules.Violate(rules.Code("name.mixed_script"), rules.Review, false)}, rules.NeedsReview},
		{"one reject among reviews rejects", []rules.Violation{
			rules.Violate(rules.Code("name.mixed_script"), rules.Review, false),
			rules.Violate(rules.Code("certificate.expired"), rules.Reject, true),
		}, rules.Rejected},
	}
	for _, tt := range tests {
		res := rules.Result{Violations: tt.vs}
		assert.Equal(t, tt.want, res.Verdict(), tt.reason)
		if tt.vs == nil {
			assert.NoError(t, res.Err(), tt.reason)
			continue
		}
		var ve *rules.ViolationError
		require.ErrorAs(t, res.Err(), &ve, tt.reason)
		assert.Len(t, ve.Violations, len(tt.vs))
		assert.ErrorIs(t, res.Err(), tt.vs[0].Code, tt.reason)
	}

	b, err := json.Marshal(rules.Violate(rules.Code("certificate.expired"), rules.Reject, true, "expires", "2020-01-01").At("document.validity.expires"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"certificate.expired","field":"document.validity.expires","params":[{"name":"expires","value":"2020-01-01"}],"severity":"reject","retryable":true}`, string(b))

	infra := &rules.InfraError{Rule: "binding", Err: context.DeadlineExceeded}
	assert.ErrorIs(t, infra, context.DeadlineExceeded)
	assert.Contains(t, infra.Error(), "binding")
	var ce error = &rules.ConfigError{Rule: "kind_allowed", Reason: "bad"}
	assert.Equal(t, "rules: kind_allowed: bad", ce.Error())
	assert.False(t, errors.Is(ce, rules.Code("certificate.expired")))
}

// TestTextRoundTrip: every type of this package that marshals to text reads
// back what it wrote, and refuses what it never writes.
func TestTextRoundTrip(t *testing.T) {
	for _, s := range []rules.Severity{rules.Reject, rules.Review} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back rules.Severity
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	for _, v := range []rules.Verdict{rules.Accept, rules.NeedsReview, rules.Rejected} {
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back rules.Verdict
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	var s rules.Severity
	assert.Error(t, s.UnmarshalText([]byte("fatal")))
	var v rules.Verdict
	assert.Error(t, v.UnmarshalText([]byte("")))

	res := rules.Result{Violations: []rules.Violation{
		rules.Violate("certificate.expired", rules.Reject, true, "expires", "2020-01-01").At("document.validity.expires"),
		rules.Violate("name.mixed_script", rules.Review, false),
	}}
	b, err := json.Marshal(res)
	require.NoError(t, err)
	var back rules.Result
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, res, back)
	assert.Equal(t, rules.Rejected, back.Verdict())
}
