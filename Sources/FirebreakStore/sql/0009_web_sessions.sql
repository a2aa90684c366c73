-- The web app's sign-in (issue #16). A session is opened with an API token (pasted, or through a
-- one-use link that `firebreak token login NAME` prints) and speaks for that token: its role and
-- engineer, and it ends when the token is revoked. Only SHA-256 hashes of session ids and link
-- secrets are stored, as for tokens; the cookie and the link hold the secret itself.

CREATE TABLE web_sessions (
    id_hash    bytea PRIMARY KEY CHECK (length(id_hash) = 32),
    token_id   bigint NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    -- Set by signing out: the session is refused from then on, whatever its expiry.
    ended_at   timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);

CREATE TABLE web_login_links (
    secret_hash bytea PRIMARY KEY CHECK (length(secret_hash) = 32),
    token_id    bigint NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    -- Set when the link opens a session: a link is used once.
    used_at     timestamptz,
    CHECK (expires_at > created_at)
);
