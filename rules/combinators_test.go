package rules_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/rules"
)

// emit returns a rule that reports one violation of code with sev, and
// counts its calls.
func emit(code string, sev rules.Severity, calls *int) rules.Rule[int] {
	return rules.Func[int](func(context.Context, int) ([]rules.Violation, error) {
		if calls != nil {
			*calls++
		}
		return []rules.Violation{rules.Violate(rules.Code(code), sev, true)}, nil
	})
}

func pass(calls *int) rules.Rule[int] {
	return rules.Func[int](func(context.Context, int) ([]rules.Violation, error) {
		if calls != nil {
			*calls++
		}
		return nil, nil
	})
}

var errBoom = errors.New("boom")

func fail() rules.Rule[int] {
	return rules.Func[int](func(context.Context, int) ([]rules.Violation, error) { return nil, errBoom })
}

func TestCombinators(t *testing.T) {
	tests := []struct {
		reason  string
		rule    func(calls *int) rules.Rule[int]
		want    []string
		calls   int
		wantErr error
	}{
		{"All collects every violation in order",
			func(c *int) rules.Rule[int] {
				return rules.All(emit("a", rules.Reject, c), pass(c), emit("b", rules.Review, c))
			}, []string{"a", "b"}, 3, nil},
		{"All with no rules reports nothing",
			func(*int) rules.Rule[int] { return rules.All[int]() }, []string{}, 0, nil},
		{"All keeps running after an error and returns it",
			func(c *int) rules.Rule[int] { return rules.All(fail(), emit("a", rules.Reject, c)) }, []string{"a"}, 1, errBoom},
		{"FailFast stops after the first rejection",
			func(c *int) rules.Rule[int] {
				return rules.FailFast(emit("r", rules.Review, c), emit("a", rules.Reject, c), emit("b", rules.Reject, c))
			}, []string{"r", "a"}, 2, nil},
		{"FailFast runs everything when nothing rejects",
			func(c *int) rules.Rule[int] { return rules.FailFast(pass(c), emit("r", rules.Review, c)) }, []string{"r"}, 2, nil},
		{"FailFast stops at an error",
			func(c *int) rules.Rule[int] { return rules.FailFast(fail(), emit("a", rules.Reject, c)) }, []string{}, 0, errBoom},
		{"AnyOf passes with the first passing alternative and stops",
			func(c *int) rules.Rule[int] {
				return rules.AnyOf(emit("a", rules.Reject, c), pass(c), emit("b", rules.Reject, c))
			}, []string{}, 2, nil},
		{"AnyOf keeps the review violations of the alternative that passed",
			func(c *int) rules.Rule[int] {
				return rules.AnyOf(emit("a", rules.Reject, c), emit("r", rules.Review, c))
			},
			[]string{"r"}, 2, nil},
		{"AnyOf reports every alternative when all reject",
			func(c *int) rules.Rule[int] {
				return rules.AnyOf(emit("a", rules.Reject, c), emit("b", rules.Reject, c))
			},
			[]string{"a", "b"}, 2, nil},
		{"AnyOf ignores an error when another alternative passes",
			func(c *int) rules.Rule[int] { return rules.AnyOf(fail(), pass(c)) }, []string{}, 1, nil},
		{"AnyOf returns the error when no alternative passes",
			func(c *int) rules.Rule[int] { return rules.AnyOf(fail(), emit("a", rules.Reject, c)) }, []string{"a"}, 1, errBoom},
		{"When runs its rules when the condition holds",
			func(c *int) rules.Rule[int] {
				return rules.When(func(v int) bool { return v > 0 }, emit("a", rules.Reject, c)).Else(emit("b", rules.Reject, c))
			}, []string{"a"}, 1, nil},
		{"Else runs when the condition is false",
			func(c *int) rules.Rule[int] {
				return rules.When(func(v int) bool { return v < 0 }, emit("a", rules.Reject, c)).Else(emit("b", rules.Reject, c))
			}, []string{"b"}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			var calls int
			vs, err := tt.rule(&calls).Check(context.Background(), 1)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, codes(vs))
			assert.Equal(t, tt.calls, calls, "rules run")
		})
	}
}

func TestCombinatorsCopyTheirInput(t *testing.T) {
	list := []rules.Rule[int]{emit("a", rules.Reject, nil)}
	all := rules.All(list...)
	ff := rules.FailFast(list...)
	anyOf := rules.AnyOf(list...)
	when := rules.When(func(int) bool { return true }, list...)
	list[0] = pass(nil) // the caller changes its slice afterwards
	for name, r := range map[string]rules.Rule[int]{"All": all, "FailFast": ff, "AnyOf": anyOf, "When": when} {
		assert.Equal(t, []string{"a"}, codes(check(t, r, 0)), name)
	}
	base := rules.When(func(int) bool { return false }, pass(nil))
	withElse := base.Else(emit("b", rules.Reject, nil))
	assert.Empty(t, check(t, base, 0), "Else returns a copy and leaves the original alone")
	assert.Equal(t, []string{"b"}, codes(check(t, withElse, 0)))
}

func TestCombinatorsHonourCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, r := range map[string]rules.Rule[int]{
		"All":      rules.All(emit("a", rules.Reject, nil)),
		"FailFast": rules.FailFast(emit("a", rules.Reject, nil)),
		"AnyOf":    rules.AnyOf(emit("a", rules.Reject, nil)),
		"When":     rules.When(func(int) bool { return true }, emit("a", rules.Reject, nil)),
		"Field":    rules.Field("x", func(v int) int { return v }, emit("a", rules.Reject, nil)),
	} {
		vs, err := r.Check(ctx, 0)
		require.Error(t, err, name)
		assert.ErrorIs(t, err, context.Canceled, name)
		var infra *rules.InfraError
		assert.ErrorAs(t, err, &infra, "%s: cancellation is an infrastructure error", name)
		assert.Empty(t, vs, "%s: no violation is made up from a cancelled context", name)
	}
}

func TestField(t *testing.T) {
	type form struct {
		Name string
		Tags []string
	}
	inner := rules.Func[string](func(_ context.Context, s string) ([]rules.Violation, error) {
		return []rules.Violation{
			rules.Violate("x.plain", rules.Reject, true),
			rules.Violate("x.nested", rules.Reject, true).At("first"),
			rules.Violate("x.index", rules.Reject, true).At("[2]"),
		}, nil
	})
	r := rules.Field("claim.name", func(f form) string { return f.Name }, inner)
	vs := check(t, r, form{Name: "x"})
	require.Len(t, vs, 3)
	assert.Equal(t, "claim.name", vs[0].Field, "an empty field becomes the path")
	assert.Equal(t, "claim.name.first", vs[1].Field, "a field is joined with a dot")
	assert.Equal(t, "claim.name[2]", vs[2].Field, "an index is joined without a dot")

	shared := []rules.Violation{rules.Violate("x.shared", rules.Reject, true)}
	static := rules.Func[string](func(context.Context, string) ([]rules.Violation, error) { return shared, nil })
	check(t, rules.Field("a", func(f form) string { return f.Name }, static), form{})
	assert.Empty(t, shared[0].Field, "Field never writes into the inner rule's slice")

	_, err := rules.Field[form, string]("a", nil, static).Check(context.Background(), form{})
	var ce *rules.ConfigError
	assert.ErrorAs(t, err, &ce, "a nil getter fails closed: a configuration error, never a pass")
}

// TestFailClosed: every way of building a rule that cannot judge is a
// configuration error, from CheckConfig when the policy is built and from
// Check if it is run anyway. Today's code skipped nil rules and passed.
func TestFailClosed(t *testing.T) {
	ok := emit("a", rules.Reject, nil)
	tests := []struct {
		reason string
		rule   rules.Rule[int]
	}{
		{"nil rule", nil},
		{"nil rule in All", rules.All(ok, nil)},
		{"nil rule in FailFast", rules.FailFast(nil, ok)},
		{"nil rule in AnyOf", rules.AnyOf(ok, nil)},
		{"nil rule in When", rules.When(func(int) bool { return true }, nil)},
		{"nil rule in Else", rules.When(func(int) bool { return true }, ok).Else(nil)},
		{"When without a condition", rules.When[int](nil, ok)},
		{"Field without a getter", rules.Field[int, int]("x", nil, ok)},
		{"Field without a rule", rules.Field[int, int]("x", func(v int) int { return v }, nil)},
		{"nested deep", rules.All(ok, rules.FailFast(ok, rules.Field[int, int]("x", nil, ok)))},
	}
	for _, tt := range tests {
		var ce *rules.ConfigError
		require.ErrorAs(t, rules.CheckConfig(tt.rule), &ce, tt.reason)
		if tt.rule == nil {
			continue
		}
		vs, err := tt.rule.Check(context.Background(), 0)
		assert.ErrorAs(t, err, &ce, "%s: Check fails closed", tt.reason)
		assert.Empty(t, vs, tt.reason)
	}
	assert.NoError(t, rules.CheckConfig(rules.All(ok, rules.When(func(int) bool { return true }, ok).Else(ok))))
	assert.NoError(t, rules.CheckConfig(rules.All[int]()), "an empty All is a valid rule that finds nothing")
}

func codes(vs []rules.Violation) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, string(v.Code))
	}
	return out
}

func check[T any](t *testing.T, r rules.Rule[T], v T) []rules.Violation {
	t.Helper()
	vs, err := r.Check(context.Background(), v)
	require.NoError(t, err)
	return vs
}

func TestViolate(t *testing.T) {
	v := rules.Violate(rules.Code("certificate.expired"), rules.Reject, true, "expires", "2020-01-01", "dangling")
	assert.Equal(t, rules.Code("certificate.expired"), v.Code)
	assert.Equal(t, []rules.Param{{Name: "expires", Value: "2020-01-01"}}, v.Params, "a trailing name without value is dropped")
	assert.True(t, v.Retryable)
	assert.Equal(t, "document.validity", v.Under("document").Under("").At("validity").Under("document").Field)
	err := rules.Result{Violations: []rules.Violation{v}}.Err()
	assert.ErrorIs(t, err, rules.Code("certificate.expired"), "codes are error sentinels")
	assert.NotErrorIs(t, err, rules.Code("certificate.not_yet_valid"))
}

func TestEvaluate(t *testing.T) {
	res, err := rules.Evaluate(context.Background(), rules.All(emit("r", rules.Review, nil)), 0)
	require.NoError(t, err)
	assert.Equal(t, rules.NeedsReview, res.Verdict())
	_, err = rules.Evaluate(context.Background(), fail(), 0)
	assert.ErrorIs(t, err, errBoom)
}
