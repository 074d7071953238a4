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
		{"only review violations ask for review", []rules.Violation{rules.Violate(rules.CodeNameMixedScript, rules.Review, false)}, rules.NeedsReview},
		{"one reject among reviews rejects", []rules.Violation{
			rules.Violate(rules.CodeNameMixedScript, rules.Review, false),
			rules.Violate(rules.CodeExpired, rules.Reject, true),
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
		assert.ErrorIs(t, res.Err(), rules.Code(tt.vs[0].Code), tt.reason)
	}

	b, err := json.Marshal(rules.Violate(rules.CodeExpired, rules.Reject, true, "expires", "2020-01-01").At("document.validity.expires"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"certificate.expired","field":"document.validity.expires","params":[{"name":"expires","value":"2020-01-01"}],"severity":"reject","retryable":true}`, string(b))

	infra := &rules.InfraError{Rule: "binding", Err: context.DeadlineExceeded}
	assert.ErrorIs(t, infra, context.DeadlineExceeded)
	assert.Contains(t, infra.Error(), "binding")
	var ce error = &rules.ConfigError{Rule: "kind_allowed", Reason: "bad"}
	assert.Equal(t, "rules: kind_allowed: bad", ce.Error())
	assert.False(t, errors.Is(ce, rules.CodeExpired))
}
