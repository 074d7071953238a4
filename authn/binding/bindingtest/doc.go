// Package bindingtest is the conformance suite of [binding.Store]. Every store
// in this module passes it, and users run it against their own stores:
//
//	func TestMyStore(t *testing.T) {
//		bindingtest.Run(t, func(t *testing.T) binding.Store {
//			return newEmptyStore(t)
//		})
//	}
//
// # What it checks
//
// [Run] checks the lifecycle (reserve up to the limit, idempotent re-reserve,
// confirm, release, expiry, account closure, sweep), key rotation across two
// secrets, request validation, context cancellation, and atomicity:
// [Goroutines] goroutines racing on one certificate leave exactly the limit
// of accounts holding it. Stores shared between processes need their own
// multi-process tests as well; the SQLite store's tests show how.
package bindingtest
