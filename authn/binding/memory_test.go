package binding_test

import (
	"testing"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/bindingtest"
)

func TestMemoryConformance(t *testing.T) {
	bindingtest.Run(t, func(t *testing.T) binding.Store { return binding.NewMemory() })
}
