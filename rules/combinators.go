package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Evaluate runs r on v and returns the [Result]. A non-nil error (an
// infrastructure failure or a cancelled context) means there is no verdict.
func Evaluate[T any](ctx context.Context, r Rule[T], v T) (Result, error) {
	vs, err := r.Check(ctx, v)
	if err != nil {
		return Result{}, err
	}
	return Result{Violations: vs}, nil
}

// Cancelled returns an [*InfraError] of rule wrapping ctx.Err() when ctx is
// done, and nil otherwise. Rules call it first, so a cancelled context is
// never judged.
func Cancelled(ctx context.Context, rule string) error {
	if err := ctx.Err(); err != nil {
		return &InfraError{Rule: rule, Err: err}
	}
	return nil
}

// configured is implemented by rules that can be misconfigured: the
// combinators of this package. [CheckConfig] asks them.
type configured interface{ checkConfig() error }

// CheckConfig reports whether r can judge anything: a nil rule, a nil rule
// inside a combinator, a [Field] without a getter or a [When] without a
// condition is a [*ConfigError]. Policies call it when they are built, so a
// broken configuration is found at start-up; a misconfigured combinator that
// is run anyway returns the same error from Check and never passes.
func CheckConfig[T any](r Rule[T]) error {
	if r == nil {
		return &ConfigError{Rule: "rule", Reason: "nil rule"}
	}
	if c, ok := r.(configured); ok {
		return c.checkConfig()
	}
	return nil
}

// checkAll checks every rule of a combinator named name.
func checkAll[T any](name string, rules []Rule[T]) error {
	for i, r := range rules {
		if r == nil {
			return &ConfigError{Rule: name, Reason: fmt.Sprintf("rule %d of %d is nil", i+1, len(rules))}
		}
		if err := CheckConfig(r); err != nil {
			return err
		}
	}
	return nil
}

func newAll[T any](name string, rules []Rule[T]) allRule[T] {
	return allRule[T]{rules: slices.Clone(rules), err: checkAll(name, rules)}
}

func newFailFast[T any](name string, rules []Rule[T]) failFastRule[T] {
	return failFastRule[T]{rules: slices.Clone(rules), err: checkAll(name, rules)}
}

func newAnyOf[T any](name string, rules []Rule[T]) anyOfRule[T] {
	return anyOfRule[T]{rules: slices.Clone(rules), err: checkAll(name, rules)}
}

type allRule[T any] struct {
	rules []Rule[T]
	err   error // the configuration error, found once when built
}

// All returns a rule that runs every rule and collects every violation, in
// order. Errors of individual rules are joined with errors.Join, and the rules
// after a failing one still run; a cancelled context stops at once. A nil
// rule is a configuration error (see [CheckConfig]); the slice is copied.
func All[T any](rules ...Rule[T]) Rule[T] { return newAll("all", rules) }

func (a allRule[T]) checkConfig() error { return a.err }

func (a allRule[T]) Check(ctx context.Context, v T) ([]Violation, error) {
	if err := a.checkConfig(); err != nil {
		return nil, err
	}
	var out []Violation
	var errs []error
	for _, r := range a.rules {
		if err := Cancelled(ctx, "all"); err != nil {
			return out, errors.Join(append(errs, err)...)
		}
		vs, err := r.Check(ctx, v)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, vs...)
	}
	return out, errors.Join(errs...)
}

type failFastRule[T any] struct {
	rules []Rule[T]
	err   error // the configuration error, found once when built
}

// FailFast returns a rule that runs rules in order and stops after the first
// one that reports a [Reject] violation; review violations do not stop it. It
// returns the violations collected so far. The first error stops it too.
func FailFast[T any](rules ...Rule[T]) Rule[T] { return newFailFast("fail_fast", rules) }

func (f failFastRule[T]) checkConfig() error { return f.err }

func (f failFastRule[T]) Check(ctx context.Context, v T) ([]Violation, error) {
	if err := f.checkConfig(); err != nil {
		return nil, err
	}
	var out []Violation
	for _, r := range f.rules {
		if err := Cancelled(ctx, "fail_fast"); err != nil {
			return out, err
		}
		vs, err := r.Check(ctx, v)
		if err != nil {
			return out, err
		}
		out = append(out, vs...)
		if (Result{Violations: vs}).Verdict() == Rejected {
			return out, nil
		}
	}
	return out, nil
}

type anyOfRule[T any] struct {
	rules []Rule[T]
	err   error // the configuration error, found once when built
}

// AnyOf returns a rule that passes when any alternative reports no [Reject]
// violation; it then returns that alternative's review violations and runs no
// further alternatives. When every alternative rejects it returns all their
// violations. Errors of alternatives are joined and returned only when no
// alternative passed. AnyOf with no rules rejects nothing.
func AnyOf[T any](rules ...Rule[T]) Rule[T] { return newAnyOf("any_of", rules) }

func (a anyOfRule[T]) checkConfig() error { return a.err }

func (a anyOfRule[T]) Check(ctx context.Context, v T) ([]Violation, error) {
	if err := a.checkConfig(); err != nil {
		return nil, err
	}
	var out []Violation
	var errs []error
	for _, r := range a.rules {
		if err := Cancelled(ctx, "any_of"); err != nil {
			return nil, err
		}
		vs, err := r.Check(ctx, v)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if (Result{Violations: vs}).Verdict() != Rejected {
			return vs, nil
		}
		out = append(out, vs...)
	}
	if len(errs) > 0 {
		return out, errors.Join(errs...)
	}
	return out, nil
}

// WhenRule runs its rules only when its condition holds, and its Else rules
// otherwise. Build one with [When].
type WhenRule[T any] struct {
	cond      func(T) bool
	then, els []Rule[T]
}

// When returns a rule that runs rules (collecting every violation, as [All])
// when cond(v) is true. A nil cond, like a nil rule, is a configuration
// error (see [CheckConfig]).
func When[T any](cond func(T) bool, rules ...Rule[T]) WhenRule[T] {
	return WhenRule[T]{cond: cond, then: slices.Clone(rules)}
}

// Else returns a copy of w that runs rules when the condition is false.
func (w WhenRule[T]) Else(rules ...Rule[T]) WhenRule[T] {
	w.els = slices.Clone(rules)
	return w
}

func (w WhenRule[T]) checkConfig() error {
	if w.cond == nil {
		return &ConfigError{Rule: "when", Reason: "no condition"}
	}
	if err := checkAll("when", w.then); err != nil {
		return err
	}
	return checkAll("else", w.els)
}

// Check implements [Rule].
func (w WhenRule[T]) Check(ctx context.Context, v T) ([]Violation, error) {
	if err := w.checkConfig(); err != nil {
		return nil, err
	}
	if err := Cancelled(ctx, "when"); err != nil {
		return nil, err
	}
	if w.cond(v) {
		return allRule[T]{rules: w.then}.Check(ctx, v)
	}
	return allRule[T]{rules: w.els}.Check(ctx, v)
}

type fieldRule[T, F any] struct {
	path string
	get  func(T) F
	rule Rule[F]
}

// Field returns a rule that applies r to the field of T that get returns, and
// prefixes path to the field path of each violation ("" becomes path, "x"
// becomes path+".x"). A nil get or r is a configuration error (see
// [CheckConfig]).
func Field[T, F any](path string, get func(T) F, r Rule[F]) Rule[T] {
	return fieldRule[T, F]{path: path, get: get, rule: r}
}

func (f fieldRule[T, F]) checkConfig() error {
	switch {
	case f.get == nil:
		return &ConfigError{Rule: "field " + f.path, Reason: "no getter"}
	case f.rule == nil:
		return &ConfigError{Rule: "field " + f.path, Reason: "nil rule"}
	}
	return CheckConfig(f.rule)
}

func (f fieldRule[T, F]) Check(ctx context.Context, v T) ([]Violation, error) {
	if err := f.checkConfig(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, &InfraError{Rule: "field " + f.path, Err: err}
	}
	vs, err := f.rule.Check(ctx, f.get(v))
	if len(vs) == 0 {
		return nil, err
	}
	// The inner rule owns its slice; prefix a copy.
	out := slices.Clone(vs)
	for i := range out {
		out[i].Field = joinPath(f.path, out[i].Field)
	}
	return out, err
}
