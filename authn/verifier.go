package authn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/mrzread"
	"github.com/realname-go/realname/rules/precaution"
)

// CodeFileMissing is the violation of an application without one of its two
// files (reject, retryable). Params: role.
const CodeFileMissing rules.Code = "application.file_missing"

// Option configures a [Verifier].
type Option func(*config)

type config struct {
	clock    certificate.Clock
	binder   *binding.Binder
	policy   *Policy
	lang     language.Tag
	cal      workday.Calendar
	timeout  time.Duration
	logger   *slog.Logger
	messages []rules.Message
	newID    func() string
	foreign  bool
	zone     *mrzread.Reader
	vault    vault.Store
}

// WithClock sets the one clock and time zone of the verifier; the zero
// [certificate.Clock] (the default) is the system clock with calendar dates
// in China Standard Time (UTC+8). Every date and time the verifier uses
// comes from here: the number schemes (a birth date after today), the
// validity period, the machine-readable zone, review deadlines and history.
// Give the binder the same clock ([binding.BinderOptions.Clock]) for slot
// expiry. [Application.Now] overrides the time for one application.
func WithClock(c certificate.Clock) Option { return func(cfg *config) { cfg.clock = c } }

// WithBinder sets the binding store behind the account limit (precaution
// 7). Without one the limit check is skipped.
func WithBinder(b *binding.Binder) Option { return func(c *config) { c.binder = b } }

// WithPolicy replaces [DefaultPolicy].
func WithPolicy(p Policy) Option { return func(c *config) { c.policy = &p } }

// WithLanguage sets the language of the report's messages; the default is
// English. [Verifier.Localize] renders a report in another language.
func WithLanguage(tag language.Tag) Option { return func(c *config) { c.lang = tag } }

// WithCalendar sets the working-day calendar of review deadlines; the
// default is the Chinese mainland's official calendar, falling back to
// weekends-only (and marking the deadline estimated) for years not yet
// published.
func WithCalendar(cal workday.Calendar) Option { return func(c *config) { c.cal = cal } }

// WithTimeout bounds the total work of one verification, on top of the
// caller's context; 0 (the default) leaves it to the context.
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithLogger logs every decision (verdict, codes, masked number) to l; the
// default discards them.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithMessages adds or replaces messages of violation codes, for the
// caller's own checks.
func WithMessages(m ...rules.Message) Option {
	return func(c *config) { c.messages = append(c.messages, m...) }
}

// WithIDs sets how review case IDs are made; the default is 16 random
// bytes in hex.
func WithIDs(newID func() string) Option { return func(c *config) { c.newID = newID } }

// Verifier judges applications under a [Policy], reserves binding slots,
// and opens review cases. It is immutable and safe for concurrent use.
type Verifier struct {
	cfg       config
	policy    Policy
	checks    []precaution.Check
	inspector *evidence.Inspector
	cases     review.Store
	messages  *rules.Localizer
	flow      review.Workflow
}

// NewVerifier returns a verifier. A broken policy is a [*rules.ConfigError].
func NewVerifier(opts ...Option) (*Verifier, error) {
	cfg := config{lang: language.English}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.cal == nil {
		cfg.cal = workday.WithFallback(workday.ChinaMainland(), workday.Weekends())
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	if cfg.timeout < 0 {
		return nil, &rules.ConfigError{Rule: "verifier", Reason: "negative timeout"}
	}
	p := DefaultPolicy()
	if cfg.policy != nil {
		p = *cfg.policy
	}
	v := &Verifier{cfg: cfg, policy: p}
	if err := v.build(); err != nil {
		return nil, err
	}
	return v, nil
}

func (v *Verifier) build() error {
	p := &v.policy
	if p.WorkingDays < 0 || p.AccountLimit < 0 {
		return &rules.ConfigError{Rule: "policy", Reason: "negative working days or account limit"}
	}
	if p.WorkingDays == 0 {
		p.WorkingDays = defaultWorkingDays
	}
	checks, err := precaution.Checks(precaution.Options{
		Numbers:  p.Numbers,
		Clock:    v.cfg.clock,
		Account:  p.Account,
		Kinds:    p.Kinds,
		Name:     p.Name,
		Regions:  p.Regions,
		Validity: p.Validity,
		Match:    p.Match,
	})
	if err != nil {
		return err
	}
	for _, c := range checks {
		if !p.skips(c.Name) && (c.Name != CheckZoneRead || v.cfg.zone != nil) {
			v.checks = append(v.checks, c)
		}
	}
	for _, c := range p.Extra {
		if c.Name == "" {
			return &rules.ConfigError{Rule: "policy", Reason: "extra check without a name"}
		}
		if err := rules.CheckConfig(c.Rule); err != nil {
			return &rules.ConfigError{Rule: "policy", Reason: "extra check " + c.Name + ": " + err.Error()}
		}
		v.checks = append(v.checks, c)
	}
	if v.inspector, err = evidence.NewInspector(v.cfg.evidenceOptions(p.Evidence)); err != nil {
		return err
	}
	switch {
	case v.cfg.binder != nil:
		s, ok := v.cfg.binder.Store().(review.Store)
		if !ok {
			return &rules.ConfigError{Rule: "verifier", Reason: "the binder's store keeps no review cases (it is not a review.Store): cases and slots must commit together"}
		}
		v.cases = s
	default:
		// Without a binding store the cases live in this process only.
		v.cases = binding.NewMemory()
	}
	if v.messages, err = rules.NewLocalizer(append(Messages(), v.cfg.messages...)...); err != nil {
		return err
	}
	v.flow = review.New(review.Options{
		Clock:       v.cfg.clock,
		Calendar:    v.cfg.cal,
		WorkingDays: p.WorkingDays,
		NewID:       v.cfg.newID,
	})
	return nil
}

// Policy returns a copy of the policy in effect.
func (v *Verifier) Policy() Policy { return v.policy }

// EvidenceOptions returns the evidence options in effect, defaults filled
// in; the form handler sizes its limits from them.
func (v *Verifier) EvidenceOptions() evidence.Options { return v.inspector.Options() }

// Inspector returns the verifier's evidence inspector, for callers that
// inspect a file while streaming it and pass the report in
// [Evidence.Inspected].
func (v *Verifier) Inspector() *evidence.Inspector { return v.inspector }

// ErrInfrastructure is matched by every error of [Verifier.Verify] that is
// not a problem of the application: a store down, a context cancelled, a
// file that cannot be read. Such errors never become a rejection.
var ErrInfrastructure = errors.New("authn: verification could not complete")

type infraError struct{ err error }

func (e *infraError) Error() string   { return "authn: " + e.err.Error() }
func (e *infraError) Unwrap() []error { return []error{ErrInfrastructure, e.err} }

func infra(format string, args ...any) error { return &infraError{fmt.Errorf(format, args...)} }

// Verify judges app, reserves its binding slot when nothing rejects it, and
// opens its review case:
//
//   - reject: the case is rejected with the violations as reasons (the
//     applicant may retry) and no slot is taken;
//   - review, or accept without [Policy.AutoApprove]: the case is submitted
//     and the slot stays reserved until [Verifier.Approve],
//     [Verifier.Reject] or [Verifier.Withdraw];
//   - accept with AutoApprove: the slot is confirmed and the case approved.
//
// The error is non-nil only when the verification could not complete (it
// matches [ErrInfrastructure]); then no verdict exists.
func (v *Verifier) Verify(ctx context.Context, app *Application) (*Report, error) {
	return v.verify(ctx, app, nil)
}

func (v *Verifier) verify(ctx context.Context, app *Application, previous *review.Case) (*Report, error) {
	if app == nil {
		return nil, infra("nil application")
	}
	if v.cfg.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, v.cfg.timeout)
		defer cancel()
	}
	now := app.Now
	if now.IsZero() {
		now = v.cfg.clock.Time()
	}
	flow := v.flow.At(now)
	// One pending case per account: a second submission gets the first
	// back (the store enforces it again when the case is stored).
	switch pending, err := v.cases.Pending(ctx, app.Account.ID); {
	case err == nil:
		return nil, &review.OpenCaseError{Case: pending}
	case !errors.Is(err, review.ErrNotFound):
		return nil, infra("pending case: %w", err)
	}
	rep := &Report{CheckedAt: now, Account: app.Account.ID, Language: v.cfg.lang.String(),
		Checks: make([]CheckResult, 0, len(v.checks)+4)}
	var all []rules.Violation
	seen := map[rules.Code]bool{}
	add := func(name string, vs []rules.Violation) {
		vs = precaution.DropRepeats(seen, vs)
		all = append(all, vs...)
		rep.Checks = append(rep.Checks, result(name, vs))
	}
	// The files are inspected first, so the zone read from the certificate
	// image is there for the checks; their results are reported after.
	var files [2]*evidence.Report
	var contents [2][]byte // the files' bytes, for WithVault
	var fileChecks []fileCheck
	for i, f := range []struct {
		name string
		role evidence.Role
		ev   Evidence
	}{{CheckCertificateFile, evidence.Certificate, app.Certificate}, {CheckHandheldFile, evidence.Handheld, app.Handheld}} {
		if v.policy.skips(f.name) {
			continue
		}
		ev, err := v.buffer(ctx, f.role, f.ev)
		if err != nil {
			return nil, infra("check %s: %w", f.name, err)
		}
		contents[i] = ev.Content
		er, vs, err := v.inspect(ctx, rep, f.role, ev)
		if err != nil {
			if errors.Is(err, ErrUntrustedReport) {
				return nil, err
			}
			return nil, infra("check %s: %w", f.name, err)
		}
		files[i] = er
		fileChecks = append(fileChecks, fileCheck{f.name, vs})
	}
	ra := app.rulesApplication()
	ra.Now = now
	applyZone(&ra, zoneOf(files[0]))
	read := documentRead(ra.Document)
	for _, c := range v.checks {
		if !read && documentOnly[c.Name] {
			rep.Checks = append(rep.Checks, CheckResult{Name: c.Name, Outcome: Skip, Note: noteNothingRead})
			continue
		}
		vs, err := c.Rule.Check(ctx, ra)
		if err != nil {
			return nil, infra("check %s: %w", c.Name, err)
		}
		add(c.Name, vs)
		if !read && matchChecks[c.Name] {
			// The check could not compare anything: its review violations
			// (claim.name_unverified, claim.number_unverified) stay, so a
			// person compares the certificate with what was typed.
			last := &rep.Checks[len(rep.Checks)-1]
			last.Outcome, last.Note = Skip, noteNothingRead
		}
	}
	for _, fc := range fileChecks {
		add(fc.name, fc.vs)
	}
	if !v.policy.skips(CheckDistinctFiles) {
		if files[0] == nil || files[1] == nil {
			rep.Checks = append(rep.Checks, CheckResult{Name: CheckDistinctFiles, Outcome: Skip, Note: "not both files were inspected"})
		} else {
			add(CheckDistinctFiles, evidence.Compare(*files[0], *files[1]))
		}
	}
	if p, err := v.policy.Numbers.ParseOn(certificate.DateIn(now, v.cfg.clock.Zone()), app.Claim.Kind, ra.NumberRegion(), app.Claim.Number); err == nil {
		rep.Number = p.Number
	}
	// The case is made before the slot is taken, so a calendar that cannot
	// give a deadline fails the call without leaving a reserved slot behind;
	// the store then takes the slot and keeps the case in one transaction.
	c, err := v.newCase(flow, app, previous)
	if err != nil {
		return nil, err
	}
	c.Kind, c.Region = app.Claim.Kind, ra.NumberRegion()
	if err := v.certificateRef(rep, c); err != nil {
		return nil, err
	}
	if err := v.open(ctx, flow, rep, c, &all, machineRead(ra)); err != nil {
		return nil, err
	}
	if err := v.keep(ctx, rep, [2]string{app.Certificate.Name, app.Handheld.Name}, files, contents); err != nil {
		return nil, err
	}
	rep.Violations = v.findings(v.cfg.lang, all)
	v.log(ctx, "authn: verified", rep)
	return rep, nil
}

// certificateRef names the case's certificate by its binding key and masked
// number, when the number parsed and a binding store is configured.
func (v *Verifier) certificateRef(rep *Report, c *review.Case) error {
	if rep.Number.IsZero() || v.cfg.binder == nil {
		return nil
	}
	key, err := v.cfg.binder.Key(rep.Number)
	if err != nil {
		return infra("binding key: %w", err)
	}
	c.Certificate = &review.CertificateRef{
		Digest:   review.Digest(key.Current),
		SecretID: key.SecretID,
		Masked:   rep.Number.String(),
		Kind:     rep.Number.Kind(),
		Region:   rep.Number.Region(),
	}
	return nil
}

// noteNothingRead is the note of the checks that judge the document when
// the application's Document is zero.
const noteNothingRead = "nothing read the certificate"

// documentOnly names the checks that judge the document alone; with nothing
// read they do not run (a zero validity period is not the applicant's
// error).
var documentOnly = map[string]bool{CheckValidity: true, CheckMRZ: true, CheckConsistency: true}

// matchChecks names the checks that compare what was typed with the
// document; with nothing read they run, for their review violations, and are
// reported as skipped.
var matchChecks = map[string]bool{CheckNameMatch: true, CheckNumberMatch: true}

func result(name string, vs []rules.Violation) CheckResult {
	r := CheckResult{Name: name, Outcome: Pass, Verdict: rules.Result{Violations: vs}.Verdict()}
	if len(vs) > 0 {
		r.Outcome = Fail
		for _, v := range vs {
			r.Codes = append(r.Codes, v.Code)
		}
	}
	return r
}

// ErrUntrustedReport is returned by [Verifier.Verify] for an
// [Evidence.Inspected] report that the verifier's own inspector did not make
// (a report built by hand, decoded from JSON or made by another inspector),
// unless the verifier was built with [WithForeignInspections]. The files are
// then not judged at all: a ready-made report never skips the file checks
// silently.
var ErrUntrustedReport = errors.New("authn: evidence report not made by this verifier's inspector")

// WithForeignInspections makes the verifier take [Evidence.Inspected]
// reports that its own inspector did not make, for a service that inspects
// files in another process with the same options. Without it such a report
// is an error ([ErrUntrustedReport]); reports of [Verifier.Inspector] are
// always taken.
func WithForeignInspections() Option { return func(c *config) { c.foreign = true } }

// inspect runs the evidence rules on one file, or takes the report the
// verifier's inspector already made. The report is nil when the file is
// missing.
func (v *Verifier) inspect(ctx context.Context, rep *Report, role evidence.Role, ev Evidence) (*evidence.Report, []rules.Violation, error) {
	if !ev.present() {
		return nil, []rules.Violation{rules.Violate(CodeFileMissing, rules.Reject, true, "role", role.String()).At(role.String())}, nil
	}
	var er evidence.Report
	switch {
	case ev.Inspected != nil && (v.cfg.foreign || v.inspector.Made(*ev.Inspected)):
		er = *ev.Inspected
	case ev.Inspected != nil && ev.Content == nil && ev.Open == nil && ev.Reader == nil:
		return nil, nil, fmt.Errorf("%w: %s file", ErrUntrustedReport, role)
	default:
		var err error
		if er, err = v.read(ctx, role, ev); err != nil {
			return nil, nil, err
		}
	}
	rep.Files = append(rep.Files, FileResult{Role: role.String(), Format: er.Format, Width: er.Width, Height: er.Height, Pages: er.Pages, Size: er.Size, Scores: er.Scores})
	return &er, er.Violations, nil
}

// newCase opens the review case of an application: a new attempt linked to
// previous when it is not nil.
func (v *Verifier) newCase(flow review.Workflow, app *Application, previous *review.Case) (*review.Case, error) {
	var c *review.Case
	var err error
	if previous != nil {
		c, err = flow.Retry(previous)
	} else {
		c, err = flow.Submit(app.Account.ID)
	}
	if err != nil {
		return nil, infra("review: %w", err)
	}
	return c, nil
}

// open stores the case c of the report and, unless an earlier check
// rejected the application, takes its binding slot in the same transaction;
// then it applies an automatic decision. An application whose certificate
// no machine read (machine false) is never approved automatically, whatever
// checks the policy skips.
func (v *Verifier) open(ctx context.Context, flow review.Workflow, rep *Report, c *review.Case, all *[]rules.Violation, machine bool) error {
	skip := func(note string) {
		if !v.policy.skips(CheckLimit) {
			rep.Checks = append(rep.Checks, CheckResult{Name: CheckLimit, Outcome: Skip, Note: note})
		}
	}
	limited := v.policy.AccountLimit > 0 && v.cfg.binder != nil && !v.policy.skips(CheckLimit)
	verdict := rules.Result{Violations: *all}.Verdict()
	switch {
	case v.policy.AccountLimit == 0:
		skip("no account limit in the policy")
	case v.cfg.binder == nil:
		skip("no binding store configured")
	case verdict == rules.Rejected:
		skip("not reserved: earlier checks rejected the application")
	case c.Certificate == nil:
		skip("not reserved: the number did not parse")
	}
	if verdict != rules.Rejected {
		var slot *review.SlotRequest
		if limited && c.Certificate != nil {
			slot = &review.SlotRequest{Limit: v.policy.AccountLimit}
		}
		c.Verdict, c.Findings = verdict, slices.Clone(*all)
		res, err := v.cases.Open(ctx, c, slot)
		if errors.Is(err, review.ErrOpenCase) {
			return err
		}
		if err != nil {
			return infra("open case: %w", err)
		}
		if slot != nil {
			rep.Binding = slotResult(res, v.policy.AccountLimit)
			var vs []rules.Violation
			if !res.Held {
				vs = []rules.Violation{binding.LimitViolation("claim.number", v.policy.AccountLimit, res.Count, rep.Number)}
			}
			*all = append(*all, vs...)
			rep.Checks = append(rep.Checks, result(CheckLimit, vs))
		}
		verdict = rules.Result{Violations: *all}.Verdict()
		if verdict != rules.Rejected {
			rep.Verdict, rep.Review = verdict, c
			if verdict == rules.Accept && v.policy.AutoApprove && machine {
				got, err := v.cases.Decide(ctx, review.Decision{ID: c.ID, To: review.Approved, Actor: systemActor,
					Note: "automatic: no violation", At: rep.CheckedAt, Limit: v.policy.AccountLimit})
				if err != nil {
					return v.decisionError(err)
				}
				rep.Review = got
				if rep.Binding != nil {
					rep.Binding.State = binding.Confirmed
				}
			}
			return nil
		}
	}
	// Rejected: the case is kept rejected, with the reject violations as its
	// reasons, and holds no slot.
	rep.Verdict = rules.Rejected
	var reasons []rules.Violation
	for _, x := range *all {
		if x.Severity == rules.Reject {
			reasons = append(reasons, x)
		}
	}
	if err := flow.Reject(c, systemActor, reasons...); err != nil {
		return infra("review: %w", err)
	}
	c.Verdict, c.Findings = rules.Rejected, slices.Clone(*all)
	if _, err := v.cases.Open(ctx, c, nil); err != nil {
		return infra("open case: %w", err)
	}
	rep.Review = c
	return nil
}

// slotResult turns a store's slot result into the report's binding result.
func slotResult(r review.SlotResult, limit int) *binding.Result {
	st := binding.None
	switch {
	case r.Held && r.Confirmed:
		st = binding.Confirmed
	case r.Held:
		st = binding.Pending
	}
	return &binding.Result{Held: r.Held, State: st, Count: r.Count, Limit: limit}
}

// findings renders violations in the language closest to tag.
func (v *Verifier) findings(tag language.Tag, vs []rules.Violation) []Finding {
	out := make([]Finding, len(vs))
	for i, x := range vs {
		out[i] = Finding{Violation: x, Message: v.messages.Message(tag, x)}
	}
	return out
}

// Localize renders the report's messages in the built-in language closest
// to tag (see [rules.Localizer.Match]), in place.
func (v *Verifier) Localize(rep *Report, tag language.Tag) {
	if rep == nil {
		return
	}
	rep.Violations = v.findings(tag, rep.violations())
	rep.Language = tag.String()
}

// Message renders one violation in the language closest to tag.
func (v *Verifier) Message(tag language.Tag, x rules.Violation) string {
	return v.messages.Message(tag, x)
}

func (v *Verifier) log(ctx context.Context, msg string, rep *Report) {
	if !v.cfg.logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := []slog.Attr{
		slog.String("account", rep.Account),
		slog.String("verdict", rep.Verdict.String()),
		slog.Any("codes", rep.Codes()),
		slog.Any("number", rep.Number), // masked by certificate.Number.LogValue
	}
	if rep.Review != nil {
		attrs = append(attrs, slog.String("case", rep.Review.ID), slog.String("state", rep.Review.State.String()))
	}
	v.cfg.logger.LogAttrs(ctx, slog.LevelInfo, msg, attrs...)
}

// logCase logs a decision on a stored case: the account, the case, its
// state and the masked number.
func (v *Verifier) logCase(ctx context.Context, msg string, c *review.Case) {
	if !v.cfg.logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := []slog.Attr{slog.String("account", c.Account), slog.String("case", c.ID), slog.String("state", c.State.String())}
	if c.Certificate != nil {
		attrs = append(attrs, slog.String("number", c.Certificate.Masked))
	}
	v.cfg.logger.LogAttrs(ctx, slog.LevelInfo, msg, attrs...)
}

// read inspects a file from Content, Open or Reader.
func (v *Verifier) read(ctx context.Context, role evidence.Role, ev Evidence) (evidence.Report, error) {
	if ev.Content != nil {
		return v.inspector.Inspect(ctx, bytes.NewReader(ev.Content), ev.Name, ev.ContentType, role)
	}
	r := ev.Reader
	if ev.Open != nil {
		rc, err := ev.Open()
		if err != nil {
			return evidence.Report{}, fmt.Errorf("open %s file: %w", role, err)
		}
		defer rc.Close()
		r = rc
	}
	if r == nil {
		return evidence.Report{}, fmt.Errorf("%s file has neither Open nor Reader", role)
	}
	return v.inspector.Inspect(ctx, ContextReader(ctx, r), ev.Name, ev.ContentType, role)
}

// ContextReader returns a reader that fails with ctx's error once ctx is
// done, so a slow or endless source cannot outlive the verification.
func ContextReader(ctx context.Context, r io.Reader) io.Reader { return ctxReader{ctx, r} }

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
