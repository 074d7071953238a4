package binding_test

import (
	"testing"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review/reviewtest"
)

func TestMemoryCases(t *testing.T) {
	reviewtest.Run(t, func(t *testing.T) reviewtest.Stores { return binding.NewMemory() })
}
