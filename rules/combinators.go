package rules

import (
	"context"
	"errors"
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

// cancelled returns an [*InfraError] wrapping ctx.Err(), or nil.
func cancelled(ctx context.Context, rule string) error {
	if err := ctx.Err(); err != nil {
		return &InfraError{Rule: rule, Err: err}
	}
	return nil
}

// compact copies rules without the nil ones, so later changes to the caller's
// slice do not change the combinator.
func compact[T any](rules []Rule[T]) []Rule[T] {
	out := make([]Rule[T], 0, len(rules))
	for _, r := range rules {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

type allRule[T any] struct{ rules []Rule[T] }

// All returns a rule that runs every rule and collects every violation, in
// order. Errors of individual rules are joined with errors.Join, and the rules
// after a failing one still run; a cancelled context stops at once. Nil rules
// are skipped; the slice is copied.
func All[T any](rules ...Rule[T]) Rule[T] { return allRule[T]{compact(rules)} }

func (a allRule[T]) Check(ctx context.Context, v T) ([]Violation, error) {
	var out []Violation
	var errs []error
	for _, r := range a.rules {
		if err := cancelled(ctx, "all"); err != nil {
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

type failFastRule[T any] struct{ rules []Rule[T] }

// FailFast returns a rule that runs rules in order and stops after the first
// one that reports a [Reject] violation; review violations do not stop it. It
// returns the violations collected so far. The first error stops it too.
func FailFast[T any](rules ...Rule[T]) Rule[T] { return failFastRule[T]{compact(rules)} }

func (f failFastRule[T]) Check(ctx context.Context, v T) ([]Violation, error) {
	var out []Violation
	for _, r := range f.rules {
		if err := cancelled(ctx, "fail_fast"); err != nil {
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

type anyOfRule[T any] struct{ rules []Rule[T] }

// AnyOf returns a rule that passes when any alternative reports no [Reject]
// violation; it then returns that alternative's review violations and runs no
// further alternatives. When every alternative rejects it returns all their
// violations. Errors of alternatives are joined and returned only when no
// alternative passed. AnyOf with no rules rejects nothing.
func AnyOf[T any](rules ...Rule[T]) Rule[T] { return anyOfRule[T]{compact(rules)} }

func (a anyOfRule[T]) Check(ctx context.Context, v T) ([]Violation, error) {
	var out []Violation
	var errs []error
	for _, r := range a.rules {
		if err := cancelled(ctx, "any_of"); err != nil {
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
// when cond(v) is true. A nil cond is never true.
func When[T any](cond func(T) bool, rules ...Rule[T]) WhenRule[T] {
	return WhenRule[T]{cond: cond, then: compact(rules)}
}

// Else returns a copy of w that runs rules when the condition is false.
func (w WhenRule[T]) Else(rules ...Rule[T]) WhenRule[T] {
	w.els = compact(rules)
	return w
}

// Check implements [Rule].
func (w WhenRule[T]) Check(ctx context.Context, v T) ([]Violation, error) {
	if err := cancelled(ctx, "when"); err != nil {
		return nil, err
	}
	if w.cond != nil && w.cond(v) {
		return allRule[T]{w.then}.Check(ctx, v)
	}
	return allRule[T]{w.els}.Check(ctx, v)
}

type fieldRule[T, F any] struct {
	path string
	get  func(T) F
	rule Rule[F]
}

// Field returns a rule that applies r to the field of T that get returns, and
// prefixes path to the field path of each violation ("" becomes path, "x"
// becomes path+".x"). A nil get or r makes a rule that reports nothing.
func Field[T, F any](path string, get func(T) F, r Rule[F]) Rule[T] {
	return fieldRule[T, F]{path: path, get: get, rule: r}
}

func (f fieldRule[T, F]) Check(ctx context.Context, v T) ([]Violation, error) {
	if f.get == nil || f.rule == nil {
		return nil, nil
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
