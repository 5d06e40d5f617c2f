-- Second factors (issue 11): authenticator apps (TOTP, RFC 6238) and recovery codes. Passkeys have their own
-- tables (V11). Everything here belongs to one account and goes with it.

-- An authenticator app a person added. The secret is sealed with PORTCULLIS_KEY_ENCRYPTION_KEY when one is set
-- (keys.KeyEncryption, AES-256-GCM, bound to this column's purpose), and never leaves the IdP again once confirmed.
CREATE TABLE authenticator_apps (
    id           varchar(36)  NOT NULL PRIMARY KEY,
    account_id   varchar(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         varchar(100) NOT NULL,
    secret       varchar(400) NOT NULL,
    created_at   timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone
);
CREATE INDEX authenticator_apps_account_ix ON authenticator_apps (account_id);

-- The last TOTP time step accepted from a person (any of their apps): a code is accepted only for a later step,
-- so a code seen over someone's shoulder, or sent twice, is refused. One compare-and-set per sign-in.
CREATE TABLE totp_last_steps (
    account_id varchar(36) NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    last_step  bigint      NOT NULL
);

-- Recovery codes: ten per person, shown once, stored as SHA-256 of account id and code (80 random bits each, so a
-- fast hash is enough, as for client secrets). A used code keeps its row (used_at) until the next set replaces all.
CREATE TABLE recovery_codes (
    account_id varchar(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  varchar(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    used_at    timestamp with time zone,
    PRIMARY KEY (account_id, code_hash)
);
