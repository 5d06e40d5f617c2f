-- Issue 3: registering apps while the IdP runs (admin console, admin API, dynamic client registration).
-- Same subset of SQL as V1, for H2 and PostgreSQL alike.

-- When an app last got tokens; shown in the console. Written at most once a minute per app and node.
ALTER TABLE oauth2_registered_client ADD COLUMN last_used_at timestamp with time zone;

-- Deleting an app deletes its grants: find them by client without a scan.
CREATE INDEX oauth2_authorization_client_ix ON oauth2_authorization (registered_client_id);

-- Initial access tokens for dynamic client registration (RFC 7591 section 3), issued by an admin.
-- Only the SHA-256 of the token is kept; the token itself is shown once. Each one registers one app.
CREATE TABLE initial_access_tokens (
    id                varchar(36)  NOT NULL PRIMARY KEY,
    token_hash        varchar(64)  NOT NULL,
    description       varchar(200) NOT NULL,
    created_by        varchar(200) NOT NULL,
    created_at        timestamp with time zone NOT NULL,
    expires_at        timestamp with time zone NOT NULL,
    used_at           timestamp with time zone,
    used_by_client_id varchar(100),
    revoked_at        timestamp with time zone,
    revoked_by        varchar(200)
);
CREATE UNIQUE INDEX initial_access_tokens_hash_uk ON initial_access_tokens (token_hash);
CREATE INDEX initial_access_tokens_created_ix ON initial_access_tokens (created_at);
