-- SSO sessions as people see them on the account page, and the key of single logout.
-- session_id is the Spring Session id; sid is what ID tokens carry: base64url(SHA-256(session_id)).
CREATE TABLE sso_sessions (
    session_id     varchar(36)  NOT NULL PRIMARY KEY,
    sid            varchar(64)  NOT NULL,
    principal_name varchar(100) NOT NULL,
    started_at     timestamp with time zone NOT NULL,
    user_agent     varchar(300),
    remote_addr    varchar(64)
);
CREATE UNIQUE INDEX sso_sessions_sid_uk ON sso_sessions (sid);
CREATE INDEX sso_sessions_principal_ix ON sso_sessions (principal_name);
CREATE INDEX sso_sessions_started_ix ON sso_sessions (started_at);

-- The SSO session a grant was made under: which apps to tell when that session ends.
ALTER TABLE oauth2_authorization ADD COLUMN sid varchar(64);
CREATE INDEX oauth2_authorization_sid_ix ON oauth2_authorization (sid);

-- Refresh tokens already exchanged. Presenting one again means it was copied: the whole grant is revoked.
CREATE TABLE used_refresh_tokens (
    token_hash       varchar(64)  NOT NULL PRIMARY KEY,
    authorization_id varchar(100) NOT NULL,
    used_at          timestamp with time zone NOT NULL,
    expires_at       timestamp with time zone NOT NULL
);
CREATE INDEX used_refresh_tokens_expires_ix ON used_refresh_tokens (expires_at);
