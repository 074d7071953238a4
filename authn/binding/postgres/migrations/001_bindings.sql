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

-- prepare serialises the calls on one certificate with transaction-scoped
-- advisory locks on all its digests (in a fixed order, so replicas that know
-- different secrets during a rotation still exclude each other), relabels
-- rows found under previous digests with the current one, and deletes the
-- certificate's expired rows. Every later statement of the calling function
-- runs with a snapshot taken after the locks, which READ COMMITTED guarantees.
CREATE FUNCTION {{schema}}.prepare(p_cert bytea, p_previous bytea[], p_secret_id text, p_now timestamptz)
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
    FOR k IN
        SELECT DISTINCT {{schema}}.lock_key(d) FROM unnest(array_prepend(p_cert, p_previous)) AS d ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock(k);
    END LOOP;
    IF cardinality(p_previous) > 0 THEN
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
    END IF;
    DELETE FROM {{schema}}.bindings AS b WHERE b.cert = p_cert AND b.expires_at <= p_now;
END
$$;

-- take reserves (p_state 1) or confirms (p_state 2) a slot for p_account,
-- unless p_limit other accounts hold one.
CREATE FUNCTION {{schema}}.take(
    p_cert bytea, p_previous bytea[], p_secret_id text, p_account text,
    p_limit integer, p_now timestamptz, p_expires timestamptz, p_state smallint,
    OUT out_held boolean, OUT out_state smallint, OUT out_count integer)
LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
    PERFORM {{schema}}.prepare(p_cert, p_previous, p_secret_id, p_now);
    SELECT b.state INTO out_state FROM {{schema}}.bindings AS b
     WHERE b.cert = p_cert AND b.account = p_account;
    IF FOUND THEN
        IF p_state = 2 THEN
            UPDATE {{schema}}.bindings AS b SET state = 2, expires_at = NULL
             WHERE b.cert = p_cert AND b.account = p_account;
            out_state := 2;
        ELSIF out_state = 1 THEN
            UPDATE {{schema}}.bindings AS b SET expires_at = p_expires
             WHERE b.cert = p_cert AND b.account = p_account;
        END IF;
    ELSE
        SELECT count(*) INTO out_count FROM {{schema}}.bindings AS b WHERE b.cert = p_cert;
        IF out_count >= p_limit THEN
            out_held := false;
            out_state := 0;
            RETURN;
        END IF;
        INSERT INTO {{schema}}.bindings (cert, account, state, expires_at, secret_id, created_at)
        VALUES (p_cert, p_account, p_state, p_expires, p_secret_id, p_now);
        out_state := p_state;
    END IF;
    SELECT count(*) INTO out_count FROM {{schema}}.bindings AS b WHERE b.cert = p_cert;
    out_held := true;
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
    PERFORM {{schema}}.prepare(p_cert, p_previous, p_secret_id, p_now);
    DELETE FROM {{schema}}.bindings AS b WHERE b.cert = p_cert AND b.account = p_account;
    SELECT count(*) INTO n FROM {{schema}}.bindings AS b WHERE b.cert = p_cert;
    RETURN n;
END
$$;
