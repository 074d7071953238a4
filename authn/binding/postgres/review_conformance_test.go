package postgres_test

import (
	"testing"

	"github.com/realname-go/realname/authn/review/reviewtest"
)

func TestReviewConformance(t *testing.T) {
	reviewtest.Run(t, func(t *testing.T) reviewtest.Stores { return open(t) })
}
