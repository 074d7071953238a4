package vault

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

// Store keeps the evidence files of review cases, encrypted, once per case
// and role. Implementations are safe for concurrent use; the conformance
// suite vaulttest.Run checks this contract.
type Store interface {
	// Put stores content as the role's file of the case. Meta's Name,
	// Format, Violations and StoredAt (zero: now) are kept as given; Case,
	// Role, Size, Digest and KeyID are set by Put, which returns the Meta
	// stored. A case keeps one file per role: when one is already stored
	// (or another Put of it wins a race) the error is [ErrExists] and
	// nothing changes. An invalid case ID or role is [ErrInvalid].
	Put(ctx context.Context, caseID string, role evidence.Role, content []byte, meta Meta) (Meta, error)
	// Get returns the file and its Meta, or [ErrNotFound]. A file that does
	// not open (changed, moved to another case or role, or written with a
	// key the keyring no longer has) is a [*CorruptError].
	Get(ctx context.Context, caseID string, role evidence.Role) ([]byte, Meta, error)
	// Stat returns the file's Meta without decrypting its content, with the
	// errors of Get.
	Stat(ctx context.Context, caseID string, role evidence.Role) (Meta, error)
	// Delete deletes both files of the case. It is idempotent: a case with
	// one file or none is no error.
	Delete(ctx context.Context, caseID string) error
	// Close releases the store's resources.
	Close() error
}

// Admin is a [Store] with the operations of its operator: [Dir] and
// blobvault's Bucket are Admins.
type Admin interface {
	Store
	// Cases returns the IDs of the cases with at least one file, in
	// order: for an operator to find files whose case is gone.
	Cases(ctx context.Context) ([]string, error)
	// Rewrap wraps the data key of the case's file with the keyring's
	// current key ([Rewrap]) and reports whether it had to.
	Rewrap(ctx context.Context, caseID string, role evidence.Role) (bool, error)
	// RewrapAll rewraps every file and returns how many it rewrote.
	RewrapAll(ctx context.Context) (int, error)
}

// RewrapAll rewraps every file of s under its keyring's current key,
// case by case ([Admin.Rewrap]), and returns how many it rewrote: after
// it, no file needs a previous key, which can then leave the keyring. It
// is how [Dir.RewrapAll] and blobvault's are made. Run it when no purge
// runs: a file deleted between its read and its write would be written
// again.
func RewrapAll(ctx context.Context, s interface {
	Cases(ctx context.Context) ([]string, error)
	Rewrap(ctx context.Context, caseID string, role evidence.Role) (bool, error)
}) (int, error) {
	ids, err := s.Cases(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		for _, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
			changed, err := s.Rewrap(ctx, id, role)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return n, err
			}
			if changed {
				n++
			}
		}
	}
	return n, nil
}

// Meta describes one stored file. It is stored encrypted with the file,
// never in an object's name or attributes.
type Meta struct {
	// Case and Role name the file's case and upload.
	Case string
	Role evidence.Role
	// Name is the uploaded file name as people may see it: no directory,
	// no control or format characters, at most 64 characters.
	Name string
	// Format is the format the evidence checks found.
	Format evidence.Format
	// Size is the file's size in bytes, and Digest its SHA-256.
	Size   int64
	Digest evidence.Digest
	// Violations are what the evidence checks found in the file.
	Violations []rules.Violation
	// StoredAt is when the file was stored.
	StoredAt time.Time
	// KeyID names the key-encryption key that wraps the file's data key.
	KeyID string
}

// Errors of a [Store].
var (
	// ErrNotFound: the case has no file for the role.
	ErrNotFound = errors.New("vault: no such file")
	// ErrExists: the case already has a file for the role.
	ErrExists = errors.New("vault: the case already has this file")
	// ErrInvalid: a case ID that is not 1 to 64 letters, digits, '-' or
	// '_', or a role that is neither certificate nor handheld.
	ErrInvalid = errors.New("vault: invalid case ID or role")
	// ErrCorrupt is matched by a [*CorruptError].
	ErrCorrupt = errors.New("vault: stored file does not open")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("vault: store closed")
)

// CorruptError reports a stored file that does not open: its bytes were
// changed, it was moved to another case or role, its format is unknown, or
// its key is not in the keyring. Reason says which, without any content.
type CorruptError struct {
	Case   string
	Role   evidence.Role
	Reason string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("vault: %s file of case %s does not open: %s", e.Role, e.Case, e.Reason)
}

// Unwrap returns [ErrCorrupt].
func (e *CorruptError) Unwrap() error { return ErrCorrupt }

// maxCaseID bounds case IDs; review's are 32 hex digits.
const maxCaseID = 64

// Check returns [ErrInvalid] unless caseID and role can name a file.
func Check(caseID string, role evidence.Role) error {
	if role != evidence.Certificate && role != evidence.Handheld {
		return fmt.Errorf("%w: role %s", ErrInvalid, role)
	}
	return CheckCase(caseID)
}

// CheckCase returns [ErrInvalid] unless caseID can name a case: 1 to 64
// ASCII letters, digits, '-' or '_'.
func CheckCase(caseID string) error {
	if caseID == "" || len(caseID) > maxCaseID {
		return fmt.Errorf("%w: case ID of %d bytes", ErrInvalid, len(caseID))
	}
	for i := 0; i < len(caseID); i++ {
		c := caseID[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_') {
			return fmt.Errorf("%w: case ID holds %q", ErrInvalid, c)
		}
	}
	return nil
}
