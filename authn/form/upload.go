package form

import (
	"context"
	"errors"
	"io"
	"sync"
)

// InitialFileBuffer is the buffer each file part is read into first, before
// it takes a slot of [Options.MaxConcurrentUploads]: a client trickling its
// upload holds no more than this per file, and no slot.
const InitialFileBuffer = 32 << 10

// bufferPool pools file buffers by size class: class i holds
// min(InitialFileBuffer<<i, limit) bytes, so a buffer grows by doubling up
// to the file limit plus one byte.
type bufferPool struct {
	limit int
	pools []sync.Pool // of *[]byte
}

func newBufferPool(limit int64) *bufferPool {
	n := 1
	for c := int64(InitialFileBuffer); c < limit; c <<= 1 {
		n++
	}
	return &bufferPool{limit: int(limit), pools: make([]sync.Pool, n)}
}

func (p *bufferPool) size(class int) int { return min(InitialFileBuffer<<class, p.limit) }

func (p *bufferPool) get(class int) *[]byte {
	if b, ok := p.pools[class].Get().(*[]byte); ok {
		*b = (*b)[:0]
		return b
	}
	b := make([]byte, 0, p.size(class))
	return &b
}

func (p *bufferPool) put(class int, b *[]byte) { p.pools[class].Put(b) }

// buffer is one pooled file buffer and its class.
type buffer struct {
	class int
	b     *[]byte
}

// upload is the state of reading one request's files: their buffers and
// whether it holds a slot of [Options.MaxConcurrentUploads].
type upload struct {
	h    *Handler
	body *bodyReader
	slot bool
	bufs []buffer
}

// errWaitUpload wraps the end of the request's time while it waited for an
// upload slot: the service is busy, and the answer is 503.
var errWaitUpload = errors.New("waiting for an upload buffer")

// read reads r into a pooled buffer, at most the file limit plus one byte.
// Growing past [InitialFileBuffer] first takes the request's upload slot.
// The buffer stays the upload's until [upload.release].
func (u *upload) read(ctx context.Context, r io.Reader) ([]byte, error) {
	pool := u.h.bufs
	buf := buffer{0, pool.get(0)}
	for {
		b := *buf.b
		if len(b) == cap(b) {
			if len(b) >= pool.limit {
				break
			}
			if !u.slot {
				if err := wait(ctx, u.h.uploads, u.body); err != nil {
					pool.put(buf.class, buf.b)
					return nil, errors.Join(errWaitUpload, err)
				}
				u.slot = true
			}
			grown := pool.get(buf.class + 1)
			*grown = append(*grown, b...)
			pool.put(buf.class, buf.b)
			buf = buffer{buf.class + 1, grown}
			continue
		}
		n, err := r.Read(b[len(b):cap(b)])
		*buf.b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			pool.put(buf.class, buf.b)
			return nil, err
		}
	}
	u.bufs = append(u.bufs, buf)
	return *buf.b, nil
}

// release returns every buffer and the upload slot.
func (u *upload) release() {
	for _, b := range u.bufs {
		u.h.bufs.put(b.class, b.b)
	}
	u.bufs = nil
	if u.slot {
		<-u.h.uploads
		u.slot = false
	}
}
