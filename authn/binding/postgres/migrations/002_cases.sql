-- One row per review case, in the same schema as the bindings so that a case
-- and its binding slot move in one transaction. cert is the digest the
-- bindings table keys the certificate by (its keyed hash), never the number;
-- masked is the masked number shown to reviewers. The certificate columns
-- are all NULL when the case has no certificate. IDs compare byte by byte
-- (COLLATE "C"), as Go compares strings, so every store orders the queue
-- alike.
CREATE TABLE {{schema}}.cases (
    id            text COLLATE "C" PRIMARY KEY CHECK (octet_length(id) BETWEEN 1 AND 256),
    account       text        NOT NULL CHECK (octet_length(account) BETWEEN 1 AND 256),
    attempt       integer     NOT NULL,
    previous      text        NOT NULL DEFAULT '',  -- the case this one retries
    state         smallint    NOT NULL CHECK (state BETWEEN 1 AND 5),
                  -- review.State: 1 submitted, 2 under review, 3 approved, 4 rejected, 5 withdrawn
    kind          smallint    NOT NULL DEFAULT 0,   -- certificate.Kind the applicant picked
    region        text        NOT NULL DEFAULT '',
    cert          bytea       CHECK (octet_length(cert) = 32), -- bindings.cert
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
    slot_expires  timestamptz,                      -- when the slot reserved by Open lapses
    CHECK ((cert IS NULL) = (secret_id IS NULL)),
    CHECK ((claimed_by IS NULL) = (claimed_until IS NULL))
);

-- At most one pending case per account.
CREATE UNIQUE INDEX cases_pending_account ON {{schema}}.cases (account) WHERE state IN (1, 2);
-- The review queue: pending cases by deadline, then ID (Claim, List, Stats).
CREATE INDEX cases_queue ON {{schema}}.cases (due_at, id) WHERE state IN (1, 2);
-- An account's cases, in queue order.
CREATE INDEX cases_account ON {{schema}}.cases (account, due_at, id);
-- The cases of a certificate, for relabelling under a newer secret.
CREATE INDEX cases_cert ON {{schema}}.cases (cert) WHERE cert IS NOT NULL;
-- Decisions in a window (Stats).
CREATE INDEX cases_decided ON {{schema}}.cases (decided_at) WHERE decided_at IS NOT NULL;
-- The case a reviewer holds (Claim).
CREATE INDEX cases_claimed ON {{schema}}.cases (claimed_by) WHERE claimed_by IS NOT NULL AND state IN (1, 2);
-- Abandoned pending cases by submission (Expire).
CREATE INDEX cases_submitted ON {{schema}}.cases (submitted_at) WHERE state IN (1, 2);

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

-- move_slot confirms (p_move 1) or releases (p_move 2) p_account's slot on
-- the certificate p_cert for a decision on the case p_case, inside the
-- decision's transaction, under the certificate's lock. A slot whose expiry
-- passed, or that is gone from the table after the expiry the case's Open
-- gave it passed (taken by take's cleanup or by Sweep), has lapsed. A slot
-- gone from the table before its expiry, or without one, was released behind
-- the case's back: RN001, unless p_missing_ok. Confirming goes through take,
-- the body of Store.Confirm, with the same lock and count: a live slot is
-- confirmed; a lapsed one is taken again within p_limit (RN003 when p_limit
-- is below 1), RN002 when the certificate is full. Releasing goes through
-- release; a lapsed slot has nothing left to free. Any error rolls the
-- decision back.
CREATE FUNCTION {{schema}}.move_slot(
    p_case text, p_cert bytea, p_secret_id text, p_account text, p_move smallint,
    p_limit integer, p_now timestamptz, p_missing_ok boolean,
    OUT out_held boolean, OUT out_state smallint, OUT out_count integer)
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    v_expires timestamptz;
    v_lapsed  boolean;
BEGIN
    PERFORM {{schema}}.lock(p_cert, NULL, p_secret_id);
    SELECT b.expires_at INTO v_expires
      FROM {{schema}}.bindings AS b WHERE b.cert = p_cert AND b.account = p_account;
    IF FOUND THEN
        v_lapsed := v_expires <= p_now;
    ELSE
        SELECT c.slot_expires <= p_now INTO v_lapsed FROM {{schema}}.cases AS c WHERE c.id = p_case;
        IF NOT coalesce(v_lapsed, false) AND NOT p_missing_ok THEN
            RAISE EXCEPTION 'the case''s binding slot is missing' USING ERRCODE = 'RN001';
        END IF;
    END IF;
    IF p_move = 2 THEN
        out_count := {{schema}}.release(p_cert, NULL, p_secret_id, p_account, p_now);
        out_held := false;
        out_state := 0;
        RETURN;
    END IF;
    IF coalesce(v_lapsed, false) AND p_limit < 1 THEN
        RAISE EXCEPTION 'limit % is below 1', p_limit USING ERRCODE = 'RN003';
    END IF;
    SELECT t.out_held, t.out_state, t.out_count INTO out_held, out_state, out_count
      FROM {{schema}}.take(p_cert, NULL, p_secret_id, p_account, greatest(p_limit, 1),
                           p_now, NULL, 2::smallint) AS t;
    IF NOT out_held THEN
        RAISE EXCEPTION 'the binding slot is no longer available' USING ERRCODE = 'RN002';
    END IF;
END
$$;
