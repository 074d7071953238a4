-- One row per review case, in the same file as the bindings so that a case
-- and its binding slot move in one transaction. cert is the digest of the
-- bindings table (the certificate's keyed hash), never the number; masked
-- is the masked number shown to reviewers. The certificate columns are all
-- NULL when the case has no certificate.
CREATE TABLE cases (
    id            TEXT    NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 256),
    account       TEXT    NOT NULL CHECK (length(account) BETWEEN 1 AND 256),
    attempt       INTEGER NOT NULL,
    previous      TEXT    NOT NULL DEFAULT '',         -- the case this one retries
    state         INTEGER NOT NULL CHECK (state BETWEEN 1 AND 5), -- review.State: 1 submitted, 2 under review, 3 approved, 4 rejected, 5 withdrawn
    kind          INTEGER NOT NULL DEFAULT 0,          -- certificate.Kind the applicant picked
    region        TEXT    NOT NULL DEFAULT '',
    cert          BLOB    CHECK (cert IS NULL OR length(cert) = 32), -- bindings.cert
    secret_id     TEXT,                                -- the secret that made cert
    masked        TEXT,
    cert_kind     INTEGER,
    cert_region   TEXT,
    slot_expires  INTEGER,                             -- Unix milliseconds: when the slot reserved with the case lapses; NULL: never
    verdict       INTEGER NOT NULL DEFAULT 0,          -- rules.Verdict
    submitted_at  INTEGER NOT NULL,                    -- Unix milliseconds
    due_at        INTEGER NOT NULL,                    -- Unix milliseconds
    due_date      TEXT    NOT NULL DEFAULT '',         -- YYYY-MM-DD, the last working day
    estimated     INTEGER NOT NULL DEFAULT 0,          -- 1: the deadline used a fallback calendar
    claimed_by    TEXT,                                -- the reviewer holding the case
    claimed_until INTEGER,                             -- Unix milliseconds
    doc           TEXT    NOT NULL,                    -- JSON: history, reasons, findings
    decided_at    INTEGER,                             -- Unix milliseconds of the final move by a decision
    CHECK ((cert IS NULL) = (secret_id IS NULL))
);

-- At most one pending case per account.
CREATE UNIQUE INDEX cases_pending_account ON cases (account) WHERE state IN (1, 2);
-- The review queue: pending cases by deadline, then ID (Claim, List, Stats).
CREATE INDEX cases_queue ON cases (due_at, id) WHERE state IN (1, 2);
-- An account's cases, in queue order.
CREATE INDEX cases_account ON cases (account, due_at, id);
-- The cases of a certificate, for relabelling under a newer secret.
CREATE INDEX cases_cert ON cases (cert) WHERE cert IS NOT NULL;
-- Decisions in a window (Stats).
CREATE INDEX cases_decided ON cases (decided_at) WHERE decided_at IS NOT NULL;
-- The case a reviewer holds (Claim).
CREATE INDEX cases_claimed ON cases (claimed_by) WHERE claimed_by IS NOT NULL;
-- Expire walks cases_queue: no index on submitted_at, whose partial entry
-- would cost every decision one more page.
