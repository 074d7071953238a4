-- One row per account holding a slot on a certificate. cert is the
-- HMAC-SHA-256 digest of the certificate's counting key, never the number.
CREATE TABLE bindings (
    cert       BLOB    NOT NULL CHECK (length(cert) = 32),
    account    TEXT    NOT NULL CHECK (length(account) BETWEEN 1 AND 256),
    state      INTEGER NOT NULL CHECK (state IN (1, 2)), -- 1 pending, 2 confirmed
    expires_at INTEGER,                                  -- Unix milliseconds; NULL: never
    secret_id  TEXT    NOT NULL,                         -- the secret that made cert
    created_at INTEGER NOT NULL,                         -- Unix milliseconds
    PRIMARY KEY (cert, account)
) WITHOUT ROWID;

CREATE INDEX bindings_account ON bindings (account);
CREATE INDEX bindings_expires ON bindings (expires_at) WHERE expires_at IS NOT NULL;
