-- One row per account holding a slot on a certificate. cert is the
-- HMAC-SHA-256 digest of the certificate's counting key, never the number.
CREATE TABLE {{schema}}.bindings (
    cert       bytea       NOT NULL CHECK (octet_length(cert) = 32),
    account    text        NOT NULL CHECK (octet_length(account) BETWEEN 1 AND 256),
    state      smallint    NOT NULL CHECK (state IN (1, 2)), -- 1 pending, 2 confirmed
    expires_at timestamptz,                                  -- NULL: never
    secret_id  text        NOT NULL,                         -- the secret that made cert
    created_at timestamptz NOT NULL,
    PRIMARY KEY (cert, account)
);

CREATE INDEX bindings_account ON {{schema}}.bindings (account);
CREATE INDEX bindings_expires ON {{schema}}.bindings (expires_at) WHERE expires_at IS NOT NULL;

-- lock_key maps a digest to the advisory lock of its certificate.
CREATE FUNCTION {{schema}}.lock_key(d bytea) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT ('x' || encode(substring(d FROM 1 FOR 8), 'hex'))::bit(64)::bigint $$;

-- lock serialises the calls on one certificate with a transaction-scoped
-- advisory lock. With previous digests (during a key rotation) it locks all
-- of them in a fixed order, so replicas that know different secrets still
-- exclude each other, and relabels rows found under previous digests with the
-- current one. Every later statement of the calling function runs with a
-- snapshot taken after the lock, which READ COMMITTED guarantees; under
-- another isolation level the count could be stale, so lock refuses.
CREATE FUNCTION {{schema}}.lock(p_cert bytea, p_previous bytea[], p_secret_id text)
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
END
$$;

-- take reserves (p_state 1) or confirms (p_state 2) a slot for p_account,
-- unless p_limit other accounts hold one. One query reads the count, the
-- account's state and whether expired rows need deleting.
CREATE FUNCTION {{schema}}.take(
    p_cert bytea, p_previous bytea[], p_secret_id text, p_account text,
    p_limit integer, p_now timestamptz, p_expires timestamptz, p_state smallint,
    OUT out_held boolean, OUT out_state smallint, OUT out_count integer)
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    v_expired integer;
BEGIN
    PERFORM {{schema}}.lock(p_cert, p_previous, p_secret_id);
    SELECT count(*) FILTER (WHERE b.expires_at IS NULL OR b.expires_at > p_now),
           count(*) FILTER (WHERE b.expires_at <= p_now),
           coalesce(max(b.state) FILTER (WHERE b.account = p_account
                                           AND (b.expires_at IS NULL OR b.expires_at > p_now)), 0)
      INTO out_count, v_expired, out_state
      FROM {{schema}}.bindings AS b WHERE b.cert = p_cert;
    IF v_expired > 0 THEN
        DELETE FROM {{schema}}.bindings AS b WHERE b.cert = p_cert AND b.expires_at <= p_now;
    END IF;
    IF out_state <> 0 THEN
        IF p_state = 2 AND out_state = 1 THEN
            UPDATE {{schema}}.bindings AS b SET state = 2, expires_at = NULL
             WHERE b.cert = p_cert AND b.account = p_account;
            out_state := 2;
        ELSIF p_state = 1 AND out_state = 1 THEN
            UPDATE {{schema}}.bindings AS b SET expires_at = p_expires
             WHERE b.cert = p_cert AND b.account = p_account;
        END IF;
        out_held := true;
        RETURN;
    END IF;
    IF out_count >= p_limit THEN
        out_held := false;
        RETURN;
    END IF;
    INSERT INTO {{schema}}.bindings (cert, account, state, expires_at, secret_id, created_at)
    VALUES (p_cert, p_account, p_state, p_expires, p_secret_id, p_now);
    out_held := true;
    out_state := p_state;
    out_count := out_count + 1;
END
$$;

-- release frees p_account's slot and returns how many accounts still hold one.
CREATE FUNCTION {{schema}}.release(
    p_cert bytea, p_previous bytea[], p_secret_id text, p_account text, p_now timestamptz)
RETURNS integer
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    n integer;
BEGIN
    PERFORM {{schema}}.lock(p_cert, p_previous, p_secret_id);
    DELETE FROM {{schema}}.bindings AS b WHERE b.cert = p_cert AND b.account = p_account;
    SELECT count(*) INTO n FROM {{schema}}.bindings AS b
     WHERE b.cert = p_cert AND (b.expires_at IS NULL OR b.expires_at > p_now);
    RETURN n;
END
$$;
