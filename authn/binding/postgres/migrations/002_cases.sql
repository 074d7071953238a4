-- One row per review case, in the same schema as the bindings so that a case
-- and its binding slot move in one transaction. cert is the digest the
-- bindings table keys the certificate by (its keyed hash), never the number;
-- masked is the masked number shown to reviewers. The certificate columns
-- are all NULL when the case has no certificate. IDs compare byte by byte
-- (COLLATE "C"), as Go compares strings, so every store orders the queue
-- alike.
--
-- A claim rewrites only columns no index refers to (state between the two
-- pending states, claimed_by, claimed_until, doc): the indexes test pending,
-- computed from state, and the reviewer's case is found through the claims
-- table. With room left on each page (fillfactor), a claim is a HOT update:
-- no index entry is added and the queue index keeps one entry per case.
--
-- The store checks what it writes (IDs and accounts of 1 to 256 bytes,
-- states 1 to 5, a 32-byte digest with its secret, a reviewer with the end
-- of the lease) before writing it. The table has no CHECK constraints,
-- which PostgreSQL would parse again at every statement on the table.
CREATE TABLE {{schema}}.cases (
    id            text COLLATE "C" PRIMARY KEY,
    account       text        NOT NULL,
    attempt       integer     NOT NULL,
    previous      text        NOT NULL DEFAULT '',  -- the case this one retries
    state         smallint    NOT NULL,
                  -- review.State: 1 submitted, 2 under review, 3 approved, 4 rejected, 5 withdrawn
    pending       boolean     GENERATED ALWAYS AS (state IN (1, 2)) STORED,
    kind          smallint    NOT NULL DEFAULT 0,   -- certificate.Kind the applicant picked
    region        text        NOT NULL DEFAULT '',
    cert          bytea,                            -- bindings.cert
    secret_id     text,                             -- the secret that made cert
    masked        text,
    cert_kind     smallint,
    cert_region   text,
    verdict       smallint    NOT NULL DEFAULT 0,   -- rules.Verdict
    submitted_at  timestamptz NOT NULL,
    due_at        timestamptz NOT NULL,
    due_date      date,                             -- the last working day
    estimated     boolean     NOT NULL DEFAULT false, -- the deadline used a fallback calendar
    claimed_by    text,                             -- the reviewer holding the case
    claimed_until timestamptz,
    doc           jsonb       NOT NULL,             -- history, reasons, findings
    decided_at    timestamptz,                      -- the final move of a decision
    slot_expires  timestamptz                       -- when the slot reserved by Open lapses
) WITH (
    fillfactor = 75,
    -- The queue index loses its head as cases are decided; vacuum often,
    -- indexes included, so the dead entries there never pile up.
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 1000,
    vacuum_index_cleanup = on
);

-- At most one pending case per account.
CREATE UNIQUE INDEX cases_pending_account ON {{schema}}.cases (account) WHERE pending;
-- The review queue: pending cases by deadline, then ID (Claim, List, Stats).
CREATE INDEX cases_queue ON {{schema}}.cases (due_at, id) WHERE pending;
-- An account's cases, in queue order.
CREATE INDEX cases_account ON {{schema}}.cases (account, due_at, id);
-- The cases of a certificate, for relabelling under a newer secret.
CREATE INDEX cases_cert ON {{schema}}.cases (cert) WHERE cert IS NOT NULL;
-- Decisions in a window (Stats).
CREATE INDEX cases_decided ON {{schema}}.cases (decided_at) WHERE decided_at IS NOT NULL;
-- Abandoned pending cases by submission (Expire).
CREATE INDEX cases_submitted ON {{schema}}.cases (submitted_at) WHERE pending;

-- The case each reviewer claimed last, so that Claim finds the case a
-- reviewer holds without an index on cases.claimed_by. The row is a hint:
-- the case holds the claim, and a claim ended or taken over is ignored.
CREATE TABLE {{schema}}.claims (
    reviewer text PRIMARY KEY,
    id       text COLLATE "C" NOT NULL
);

-- lock now relabels the cases of a certificate with its binding rows: a case
-- names its certificate by the digest its slot is stored under.
CREATE OR REPLACE FUNCTION {{schema}}.lock(p_cert bytea, p_previous bytea[], p_secret_id text)
RETURNS void
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    k bigint;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'realname bindings need READ COMMITTED transactions, not %',
            current_setting('transaction_isolation');
    END IF;
    IF coalesce(cardinality(p_previous), 0) = 0 THEN
        PERFORM pg_advisory_xact_lock({{schema}}.lock_key(p_cert));
        RETURN;
    END IF;
    FOR k IN
        SELECT DISTINCT {{schema}}.lock_key(d) FROM unnest(array_prepend(p_cert, p_previous)) AS d ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock(k);
    END LOOP;
    UPDATE {{schema}}.bindings AS b SET state = 2, expires_at = NULL
     WHERE b.cert = p_cert
       AND b.account IN (SELECT o.account FROM {{schema}}.bindings AS o
                          WHERE o.cert = ANY (p_previous) AND o.cert <> p_cert AND o.state = 2);
    INSERT INTO {{schema}}.bindings (cert, account, state, expires_at, secret_id, created_at)
    SELECT p_cert, o.account, o.state, o.expires_at, p_secret_id, o.created_at
      FROM {{schema}}.bindings AS o
     WHERE o.cert = ANY (p_previous) AND o.cert <> p_cert
    ON CONFLICT (cert, account) DO NOTHING;
    DELETE FROM {{schema}}.bindings AS o WHERE o.cert = ANY (p_previous) AND o.cert <> p_cert;
    UPDATE {{schema}}.cases AS c SET cert = p_cert, secret_id = p_secret_id
     WHERE c.cert = ANY (p_previous) AND c.cert <> p_cert;
END
$$;

-- lock_certs takes the advisory locks of several certificates in the one
-- order every caller uses, so that callers holding several never deadlock.
CREATE FUNCTION {{schema}}.lock_certs(p_certs bytea[])
RETURNS void
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    k bigint;
BEGIN
    FOR k IN
        SELECT DISTINCT {{schema}}.lock_key(d) FROM unnest(p_certs) AS d WHERE d IS NOT NULL ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock(k);
    END LOOP;
END
$$;
