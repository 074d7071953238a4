package review_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/review"
)

func TestQueryPageAndStates(t *testing.T) {
	for _, tc := range []struct {
		limit, want int
	}{{0, review.DefaultPage}, {-3, review.DefaultPage}, {7, 7}, {5000, review.MaxPage}} {
		assert.Equal(t, tc.want, review.Query{Limit: tc.limit}.Page(), "Limit %d", tc.limit)
	}
	s, err := review.Query{}.Selected()
	require.NoError(t, err)
	assert.Equal(t, []review.State{review.Submitted, review.UnderReview}, s, "the pending states by default")
	s, err = review.Query{States: []review.State{review.Approved}}.Selected()
	require.NoError(t, err)
	assert.Equal(t, []review.State{review.Approved}, s)
	_, err = review.Query{States: []review.State{review.State(42)}}.Selected()
	assert.Error(t, err, "a state that does not exist")
}
