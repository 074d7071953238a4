package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// The exit statuses beyond 0 (done), 1 (could not complete) and 2 (usage
// error); bind's 3 is exitLimit.
const (
	// exitLimit: the certificate authenticates as many accounts as the limit
	// allows (bind; review approve of a case whose slot lapsed and was taken).
	exitLimit = 3
	// exitPending: the account already has a pending case (verify, review
	// retry); the output is that case.
	exitPending = 4
	// exitNotFound: no case has the ID (review), or no case is free (claim).
	exitNotFound = 5
	// exitRefused: the case's state does not allow the move, another
	// reviewer holds the case, the case's slot is missing, or the case is
	// another account's (review).
	exitRefused = 6
)

// The codes of the output objects of refused commands (the "code" field).
const (
	codeOpenCase    = "review.open_case"
	codeNotFound    = "review.not_found"
	codeTransition  = "review.illegal_transition"
	codeLeaseHeld   = "review.lease_held"
	codeSlotMissing = "review.slot_missing"
	codeOtherOwner  = "review.other_account"
)

const reviewUsage = `usage: realname review <command> -db PATH|postgres://… [-now TIME] [flags]

The review cases that realname verify -db stored, in the same database as
their binding slots; every decision moves the case and its slot together.
Each command prints one JSON object per case, with its "case" ID, "state",
"overdue", the case as "review" and its slot as "binding".

commands:
  list     [-state S,…|pending|final|all] [-overdue] [-account A] [-kind K] [-region RR] [-limit N] [-after CURSOR]
           the cases by deadline; pass the "cursor" of a page's last line to -after for the next page
  show     ID
  claim    -reviewer R [-lease 30m]      take the pending case due first that nobody holds
  approve  ID -reviewer R [-note TEXT] [-check ITEM,…]
  reject   ID -reviewer R -reason CODE[@FIELD],… [-note TEXT]
  withdraw ID -actor A [-note TEXT]
  retry    ID [-lang TAG] [-auto-approve] APPLICATION.json
           verify the application again as the next attempt after the rejected case ID
  stats    [-since TIME|DURATION]        pending, overdue and decided-in-time counts
  expire   -age DURATION                 withdraw the pending cases submitted longer ago
  purge    [-retention 720h] [-files URL] delete the evidence files of cases decided longer ago (default 30 days)

exit status: 0 done; 1 could not complete; 2 usage error (an unknown reason
code or checklist item too); 3 approve: the slot lapsed and the certificate
reached its account limit; 4 retry: the account already has a pending case;
5 no such case (claim: none is free); 6 the case's state does not allow the
move, another reviewer holds it, its slot is missing, or it is another
account's.

Every time, of decisions, leases and deadlines, is -now (RFC 3339, or
YYYY-MM-DD at noon in UTC+8; default: now). The secret comes from
` + envBindingKey + `, as for bind and verify, or for a local SQLite file
PATH without it from the key file PATH.key that bind or verify created.
`

// reviewCommands lists the subcommands, for the usage text and dispatch.
var reviewCommands = map[string]func(*reviewCmd, []string) int{
	"list":     (*reviewCmd).list,
	"show":     (*reviewCmd).show,
	"claim":    (*reviewCmd).claim,
	"approve":  (*reviewCmd).approve,
	"reject":   (*reviewCmd).reject,
	"withdraw": (*reviewCmd).withdraw,
	"retry":    (*reviewCmd).retry,
	"stats":    (*reviewCmd).stats,
	"expire":   (*reviewCmd).expire,
	"purge":    (*reviewCmd).purge, // purge.go
}

// cmdReview runs a review subcommand against the case store of -db.
func cmdReview(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, reviewUsage)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, reviewUsage)
		return 0
	}
	fn, ok := reviewCommands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "realname review: unknown command %q\n%s", args[0], reviewUsage)
		return 2
	}
	c := &reviewCmd{name: "review " + args[0], stdout: stdout, stderr: stderr}
	c.fs = flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.fs.SetOutput(stderr)
	c.db = c.fs.String("db", "", "SQLite file path or postgres:// URL of the binding and case store (required)")
	c.schema = c.fs.String("schema", postgres.DefaultSchema, "PostgreSQL schema of the binding and case tables")
	c.now = c.fs.String("now", "", "act as of this time (RFC 3339, or YYYY-MM-DD at noon in UTC+8); default: now")
	return fn(c, args[1:])
}

// reviewCmd is one review subcommand: its flags, output and store.
type reviewCmd struct {
	name            string
	fs              *flag.FlagSet
	db, schema, now *string
	stdout, stderr  io.Writer

	lang  string // retry only
	auto  bool   // retry only
	clock certificate.Clock
}

// parse parses flags and positional arguments in any order (approve ID
// -reviewer R as well as approve -reviewer R ID) and checks there are
// exactly want positional ones. It returns them, or the exit status.
func (c *reviewCmd) parse(args []string, want int, synopsis string) ([]string, int) {
	c.fs.Usage = func() {
		fmt.Fprintf(c.stderr, "usage: realname %s -db PATH|postgres://… [-now TIME] %s\n", c.name, synopsis)
		c.fs.PrintDefaults()
	}
	pos, err := parseInterleaved(c.fs, args)
	if err != nil {
		return nil, 2
	}
	if len(pos) != want {
		fmt.Fprintf(c.stderr, "realname %s: want %d argument(s), got %d\n", c.name, want, len(pos))
		c.fs.Usage()
		return nil, 2
	}
	if *c.db == "" {
		fmt.Fprintf(c.stderr, "realname %s: -db is required: the store that realname verify -db wrote the cases to\n", c.name)
		return nil, 2
	}
	if c.clock, err = clockFlag(*c.now); err != nil {
		fmt.Fprintf(c.stderr, "realname %s: -now: %v\n", c.name, err)
		return nil, 2
	}
	return pos, -1
}

// parseInterleaved parses flags and positional arguments in any order and
// returns the positional ones; everything after "--" is positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// usageError reports a bad flag value.
func (c *reviewCmd) usageError(format string, args ...any) int {
	fmt.Fprintf(c.stderr, "realname %s: %s\n", c.name, fmt.Sprintf(format, args...))
	return 2
}

// open opens the store and the verifier on it; the caller calls the
// returned function when done. status is -1 on success.
// begin returns the command's context (bounded to two minutes) and the
// verifier on its store; done closes both. A status of 0 or more means the
// store could not be opened and the command ends with it.
func (c *reviewCmd) begin() (ctx context.Context, v *authn.Verifier, done func(), status int) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	v, closeStore, err := newVerifier(ctx, *c.db, *c.schema, c.clock, c.lang, c.auto, false, c.stderr, c.name)
	if err != nil {
		cancel()
		fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
		return nil, nil, nil, 1
	}
	return ctx, v, func() { closeStore(); cancel() }, -1
}

// caseOutput is the output object of one case: its ID, state and whether
// it is overdue at -now, the case itself and its binding slot as the store
// holds it now. A refused command prints it with Code and Error, and the
// case as it stands when there is one.
type caseOutput struct {
	Case    string          `json:"case,omitempty"`
	State   string          `json:"state,omitempty"`
	Overdue *bool           `json:"overdue,omitempty"`
	Code    string          `json:"code,omitempty"`
	Error   string          `json:"error,omitempty"`
	Review  *review.Case    `json:"review,omitempty"`
	Binding *binding.Result `json:"binding,omitempty"`
	// Cursor is the position of the case in list's order: -after it gives
	// the cases that follow.
	Cursor string `json:"cursor,omitempty"`
}

// describeCase returns the output object of c, with its slot read from the
// store.
func describeCase(ctx context.Context, v *authn.Verifier, c *review.Case, now time.Time) (caseOutput, error) {
	overdue := c.State.Pending() && !now.Before(c.Due.At)
	out := caseOutput{Case: c.ID, State: c.State.String(), Overdue: &overdue, Review: c}
	if c.Certificate != nil {
		slot, err := v.Slot(ctx, c)
		if err != nil {
			return out, err
		}
		out.Binding = &slot
	}
	return out, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// print writes the output object of c and returns 0, or 1 on error.
func (c *reviewCmd) print(ctx context.Context, v *authn.Verifier, rc *review.Case) int {
	out, err := describeCase(ctx, v, rc, c.clock.Time())
	if err == nil {
		err = writeJSON(c.stdout, out)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
		return 1
	}
	return 0
}

// refusal returns the output code and exit status of a decision the store
// refused, or ("", 1) for an error that is no answer about the case.
func refusal(err error) (string, int) {
	var te *review.TransitionError
	var open *review.OpenCaseError
	switch {
	case errors.As(err, &open):
		return codeOpenCase, exitPending
	case errors.Is(err, review.ErrNotFound):
		return codeNotFound, exitNotFound
	case errors.Is(err, review.ErrSlotLost):
		return string(binding.CodeLimitReached), exitLimit
	case errors.As(err, &te):
		return codeTransition, exitRefused
	case errors.Is(err, review.ErrLeaseHeld):
		return codeLeaseHeld, exitRefused
	case errors.Is(err, review.ErrSlotMissing):
		return codeSlotMissing, exitRefused
	}
	return "", 1
}

// fail reports err about case id: a refusal prints the case as it stands
// with the refusal's code; any other error only goes to stderr.
func (c *reviewCmd) fail(ctx context.Context, v *authn.Verifier, id string, err error) int {
	fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
	code, status := refusal(err)
	if status == 1 {
		return 1
	}
	out := caseOutput{Case: id}
	if id != "" {
		if rc, gerr := v.Case(ctx, id); gerr == nil {
			if out, gerr = describeCase(ctx, v, rc, c.clock.Time()); gerr != nil {
				fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, gerr)
				return 1
			}
		}
	}
	out.Code, out.Error = code, err.Error()
	if err := writeJSON(c.stdout, out); err != nil {
		fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
		return 1
	}
	return status
}

// decided prints the case after a decision, or the refusal.
func (c *reviewCmd) decided(ctx context.Context, v *authn.Verifier, id string, rc *review.Case, err error) int {
	if err != nil {
		return c.fail(ctx, v, id, err)
	}
	return c.print(ctx, v, rc)
}

func (c *reviewCmd) show(args []string) int {
	pos, st := c.parse(args, 1, "ID")
	if st >= 0 {
		return st
	}
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	rc, err := v.Case(ctx, pos[0])
	return c.decided(ctx, v, pos[0], rc, err)
}

func (c *reviewCmd) list(args []string) int {
	state := c.fs.String("state", "pending", "states, comma-separated (submitted, under_review, approved, rejected, withdrawn), or pending, final or all")
	overdue := c.fs.Bool("overdue", false, "only pending cases whose deadline is not after -now")
	account := c.fs.String("account", "", "only the cases of this account")
	kind := c.fs.String("kind", "", "only cases of this certificate kind")
	region := c.fs.String("region", "", "only cases whose number's scheme is of this region (CN, US-CA, …)")
	limit := c.fs.Int("limit", 50, "cases per page (at most 1000)")
	after := c.fs.String("after", "", "the cursor of the previous page's last case")
	if _, st := c.parse(args, 0, "[-state S,…] [-overdue] [-account A] [-kind K] [-region RR] [-limit N] [-after CURSOR]"); st >= 0 {
		return st
	}
	q := review.Query{Account: *account, Region: strings.ToUpper(*region), Limit: *limit}
	var err error
	if q.States, err = parseStates(*state); err != nil {
		return c.usageError("-state: %v", err)
	}
	if *kind != "" {
		if q.Kind, err = certificate.ParseKind(*kind); err != nil {
			return c.usageError("-kind: %v", err)
		}
	}
	if *limit < 1 || *limit > 1000 {
		return c.usageError("-limit must be between 1 and 1000")
	}
	if *after != "" {
		if q.After, err = parseCursor(*after); err != nil {
			return c.usageError("-after: %v", err)
		}
	}
	if *overdue {
		q.OverdueAt = c.clock.Time()
	}
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	cases, err := v.Queue(ctx, q)
	if err != nil {
		fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
		return 1
	}
	for _, rc := range cases {
		out, err := describeCase(ctx, v, rc, c.clock.Time())
		if err == nil {
			out.Cursor = formatCursor(review.CursorOf(rc))
			err = writeJSON(c.stdout, out)
		}
		if err != nil {
			fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
			return 1
		}
	}
	return 0
}

// parseStates reads -state: state names, or pending (the default of
// review.Query), final or all.
func parseStates(s string) ([]review.State, error) {
	switch s {
	case "", "pending":
		return nil, nil
	case "final":
		return []review.State{review.Approved, review.Rejected, review.Withdrawn}, nil
	case "all":
		return []review.State{review.Submitted, review.UnderReview, review.Approved, review.Rejected, review.Withdrawn}, nil
	}
	var out []review.State
	for name := range strings.SplitSeq(s, ",") {
		var st review.State
		if err := st.UnmarshalText([]byte(strings.TrimSpace(name))); err != nil {
			return nil, err
		}
		if !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	return out, nil
}

// formatCursor writes a list position as the deadline in RFC 3339 and the
// case ID, separated by a comma (RFC 3339 has none).
func formatCursor(c review.Cursor) string {
	return c.Due.UTC().Format(time.RFC3339Nano) + "," + c.ID
}

func parseCursor(s string) (review.Cursor, error) {
	due, id, ok := strings.Cut(s, ",")
	t, err := time.Parse(time.RFC3339Nano, due)
	if !ok || id == "" || err != nil {
		return review.Cursor{}, fmt.Errorf("%q is not a cursor printed by list", s)
	}
	return review.Cursor{Due: t, ID: id}, nil
}

func (c *reviewCmd) claim(args []string) int {
	reviewer := c.fs.String("reviewer", "", "the reviewer who takes the case (required)")
	lease := c.fs.Duration("lease", 30*time.Minute, "how long the case is the reviewer's from -now")
	if _, st := c.parse(args, 0, "-reviewer R [-lease 30m]"); st >= 0 {
		return st
	}
	switch {
	case *reviewer == "":
		return c.usageError("-reviewer is required")
	case *lease <= 0:
		return c.usageError("-lease must be positive")
	}
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	rc, err := v.Claim(ctx, *reviewer, *lease)
	if errors.Is(err, review.ErrNotFound) {
		err = fmt.Errorf("no pending case is free: %w", err)
	}
	return c.decided(ctx, v, "", rc, err)
}

func (c *reviewCmd) approve(args []string) int {
	reviewer := c.fs.String("reviewer", "", "the reviewer who approves (required)")
	note := c.fs.String("note", "", "free text kept in the case's history")
	check := c.fs.String("check", "", "the checklist items the reviewer ticked, comma-separated: "+strings.Join(review.Checklist(), ", "))
	pos, st := c.parse(args, 1, "ID -reviewer R [-note TEXT] [-check ITEM,…]")
	if st >= 0 {
		return st
	}
	if *reviewer == "" {
		return c.usageError("-reviewer is required")
	}
	var items []string
	if *check != "" {
		for item := range strings.SplitSeq(*check, ",") {
			item = strings.TrimSpace(item)
			if !slices.Contains(review.Checklist(), item) {
				return c.usageError("-check: unknown checklist item %q; the items are %s", item, strings.Join(review.Checklist(), ", "))
			}
			if !slices.Contains(items, item) {
				items = append(items, item)
			}
		}
	}
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	rc, err := v.Approve(ctx, pos[0], *reviewer, *note, items...)
	return c.decided(ctx, v, pos[0], rc, err)
}

// reasonFields are the fields a reviewer's reason concerns unless -reason
// names one (CODE@FIELD).
var reasonFields = map[rules.Code]string{
	review.CodeFaceNotVisible:  "handheld",
	review.CodeHeadwear:        "handheld",
	review.CodeNotOriginal:     "handheld",
	review.CodeUnreadable:      "certificate",
	review.CodeDetailsMismatch: "",
	binding.CodeLimitReached:   "claim.number",
}

// reasonCodes lists the codes -reason takes: the reviewer's reasons of
// package review and binding.limit_reached, for a case whose slot was lost.
func reasonCodes() []string {
	var out []string
	for _, m := range review.Messages() {
		out = append(out, string(m.Code))
	}
	return append(out, string(binding.CodeLimitReached))
}

// parseReasons reads -reason: CODE[@FIELD],…
func parseReasons(s string) ([]reasonFlag, error) {
	var out []reasonFlag
	for item := range strings.SplitSeq(s, ",") {
		code, field, hasField := strings.Cut(strings.TrimSpace(item), "@")
		if !slices.Contains(reasonCodes(), code) {
			return nil, fmt.Errorf("unknown reason code %q; the codes are %s", code, strings.Join(reasonCodes(), ", "))
		}
		if !hasField {
			field = reasonFields[rules.Code(code)]
		}
		out = append(out, reasonFlag{rules.Code(code), field})
	}
	return out, nil
}

type reasonFlag struct {
	code  rules.Code
	field string
}

// violation builds the reason: a reviewer's reason of package review, or the
// limit violation of the case's certificate with its masked number.
func (r reasonFlag) violation(ctx context.Context, v *authn.Verifier, rc *review.Case) (rules.Violation, error) {
	if r.code != binding.CodeLimitReached {
		return review.Reason(r.code, r.field), nil
	}
	var n certificate.Number
	count := v.Policy().AccountLimit
	if rc.Certificate != nil {
		if err := n.UnmarshalText([]byte(rc.Certificate.Masked)); err != nil {
			return rules.Violation{}, err
		}
		slot, err := v.Slot(ctx, rc)
		if err != nil {
			return rules.Violation{}, err
		}
		count = max(count, slot.Count)
	}
	return binding.LimitViolation(r.field, v.Policy().AccountLimit, count, n), nil
}

func (c *reviewCmd) reject(args []string) int {
	reviewer := c.fs.String("reviewer", "", "the reviewer who rejects (required)")
	note := c.fs.String("note", "", "free text kept in the case's history")
	reason := c.fs.String("reason", "", "the reasons, comma-separated codes, each optionally @FIELD: "+strings.Join(reasonCodes(), ", ")+" (required)")
	pos, st := c.parse(args, 1, "ID -reviewer R -reason CODE[@FIELD],… [-note TEXT]")
	if st >= 0 {
		return st
	}
	switch {
	case *reviewer == "":
		return c.usageError("-reviewer is required")
	case *reason == "":
		return c.usageError("-reason is required: a rejection tells the applicant why; the codes are %s", strings.Join(reasonCodes(), ", "))
	}
	reasons, err := parseReasons(*reason)
	if err != nil {
		return c.usageError("-reason: %v", err)
	}
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	id := pos[0]
	rc, err := v.Case(ctx, id)
	if err != nil {
		return c.fail(ctx, v, id, err)
	}
	vs := make([]rules.Violation, len(reasons))
	for i, r := range reasons {
		if vs[i], err = r.violation(ctx, v, rc); err != nil {
			fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
			return 1
		}
	}
	rc, err = v.Decide(ctx, review.Decision{ID: id, To: review.Rejected, Actor: *reviewer, Note: *note, Reasons: vs})
	return c.decided(ctx, v, id, rc, err)
}

func (c *reviewCmd) withdraw(args []string) int {
	actor := c.fs.String("actor", "", "who withdraws: the applicant's account, or staff acting for them (required)")
	note := c.fs.String("note", "", "free text kept in the case's history")
	pos, st := c.parse(args, 1, "ID -actor A [-note TEXT]")
	if st >= 0 {
		return st
	}
	if *actor == "" {
		return c.usageError("-actor is required")
	}
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	rc, err := v.Decide(ctx, review.Decision{ID: pos[0], To: review.Withdrawn, Actor: *actor, Note: *note})
	return c.decided(ctx, v, pos[0], rc, err)
}

func (c *reviewCmd) retry(args []string) int {
	lang := c.fs.String("lang", "en", "language of the messages (an Accept-Language value: en, zh-CN, zh-TW, …)")
	auto := c.fs.Bool("auto-approve", false, "approve an application with no violation at once instead of leaving it for review")
	pos, st := c.parse(args, 2, "ID [-lang TAG] [-auto-approve] APPLICATION.json")
	if st >= 0 {
		return st
	}
	c.lang, c.auto = *lang, *auto
	loaded, err := loadApp(pos[1], c.name, c.stderr)
	if err != nil {
		fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
		return 1
	}
	app := loaded.Application
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	id := pos[0]
	prev, err := v.Case(ctx, id)
	if err != nil {
		return c.fail(ctx, v, id, err)
	}
	if prev.Account != app.Account.ID {
		// Verifier.Retry answers review.ErrNotFound for another account's
		// case; the operator is told which account the case is.
		fmt.Fprintf(c.stderr, "realname %s: case %s is account %s's, not %s's\n", c.name, id, prev.Account, app.Account.ID)
		if err := writeJSON(c.stdout, caseOutput{Case: id, Code: codeOtherOwner, Error: "the case is another account's"}); err != nil {
			return 1
		}
		return exitRefused
	}
	rep, err := v.Retry(ctx, id, app)
	markUnavailable(rep, loaded)
	var te *review.TransitionError
	if errors.As(err, &te) {
		return c.fail(ctx, v, id, fmt.Errorf("only a rejected case is retried: %w", err))
	}
	return printReport(ctx, c.name, v, c.clock.Time(), rep, err, c.stdout, c.stderr)
}

// statsOutput is the output of stats.
type statsOutput struct {
	At    time.Time `json:"at"`
	Since time.Time `json:"since"`
	review.Stats
	InTimeShare float64 `json:"in_time_share"`
}

func (c *reviewCmd) stats(args []string) int {
	since := c.fs.String("since", "720h", "start of the window of decisions: a time (RFC 3339 or YYYY-MM-DD) or a duration before -now")
	if _, st := c.parse(args, 0, "[-since TIME|DURATION]"); st >= 0 {
		return st
	}
	now := c.clock.Time()
	from, err := parseSince(*since, now)
	if err != nil {
		return c.usageError("-since: %v", err)
	}
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	s, err := v.Stats(ctx, from)
	if err == nil {
		err = writeJSON(c.stdout, statsOutput{At: now, Since: from, Stats: s, InTimeShare: s.InTimeShare()})
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
		return 1
	}
	return 0
}

// parseSince reads a duration before now, or a time as -now takes it.
func parseSince(s string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(s); err == nil {
		if d < 0 {
			return time.Time{}, errors.New("a negative duration")
		}
		return now.Add(-d), nil
	}
	t, err := parseNow(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a duration nor a time", s)
	}
	return t, nil
}

// expireOutput is the output of expire.
type expireOutput struct {
	Expired int       `json:"expired"`
	Before  time.Time `json:"before"`
}

func (c *reviewCmd) expire(args []string) int {
	age := c.fs.Duration("age", 0, "withdraw the pending cases submitted longer than this before -now, releasing their slots (required)")
	if _, st := c.parse(args, 0, "-age DURATION"); st >= 0 {
		return st
	}
	if *age <= 0 {
		return c.usageError("-age is required and must be positive")
	}
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	n, err := v.Expire(ctx, *age)
	if err == nil {
		err = writeJSON(c.stdout, expireOutput{Expired: n, Before: c.clock.Time().Add(-*age)})
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
		return 1
	}
	return 0
}
