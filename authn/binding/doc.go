// Package binding keeps the state behind "one certificate authenticates at
// most three accounts": which accounts hold a slot on which certificate, stored
// under keyed hashes, never the numbers.
//
// # Counting key
//
// A certificate is counted by its family, issuing region and counted number
// ([CountingKey], [Family]). Kinds that share a number space share a family:
// the PRC identity card and the Hong Kong, Macao and Taiwan residence permits
// all carry a GB 11643 citizen number, so the same number typed under another
// of those kinds still counts once. A 15-digit PRC number counts as its
// 18-digit form; a Home Return Permit or Taiwan Compatriot Permit counts by
// its lifelong number, without the issue count. Passports, other identity
// cards and driving licences are counted per issuing region.
//
// # Hashing and key rotation
//
// Stores see a [Key]: the HMAC-SHA-256 of the counting key under a secret the
// caller provides ([Keyring], [Secret]), so a dump of the database does not
// reveal a number. The secret's identifier is stored beside each row.
//
// To rotate, build the keyring with the new secret as current and the old one
// as previous: lookups and counts cover rows under both digests, and every
// write on a certificate relabels its old rows with the current digest in the
// same transaction. Rows of certificates nobody touches keep the old digest;
// count them with
//
//	SELECT secret_id, count(*) FROM bindings GROUP BY secret_id
//
// and drop the old secret once none is left (or once the remaining ones, for
// example pending slots past their expiry, may be forgotten). During a rolling
// deployment give every replica both secrets first, then switch the current
// one: the PostgreSQL store locks every digest of a key, so replicas with
// either order exclude each other.
//
// # Lifecycle
//
// A submitted application reserves a pending slot ([Store.Reserve]), which
// may carry an expiry so abandoned applications free their slot; approval
// confirms it ([Store.Confirm]); rejection, withdrawal or unbinding releases
// it ([Store.Release]); a closed account frees all its slots
// ([Store.ReleaseAccount]). Re-reserving from an account that holds a slot
// never takes a second one. The limit is a parameter of each call.
//
// # Stores
//
// [Memory] is for tests and single processes. The sqlite subpackage is the
// embedded default (one file, several processes); the postgres subpackage
// serves replicated services. Each passes the conformance suite in
// bindingtest, which users can run against their own stores.
//
// [Binder] puts a [Keyring] and a [Store] together and implements
// [binding.SlotReserver], the interface of [binding.AccountLimit].
package binding
