package rules

import "context"

// Rule judges a value of type T. Check returns the violations found, or an
// error when evaluation itself failed (an [*InfraError] or a context error);
// a non-nil error means the violations are incomplete and must not be read as
// a verdict. Implementations are immutable values, safe for concurrent use.
type Rule[T any] interface {
	Check(ctx context.Context, v T) ([]Violation, error)
}

// Func adapts a plain function to a [Rule].
type Func[T any] func(ctx context.Context, v T) ([]Violation, error)

// Check calls f.
func (f Func[T]) Check(ctx context.Context, v T) ([]Violation, error) { return f(ctx, v) }
