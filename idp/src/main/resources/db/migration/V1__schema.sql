-- One schema for H2 and PostgreSQL: only types both understand
-- (timestamp with time zone, bytea, varchar without length).

-- Accounts. Usernames and emails are stored lower-cased, so uniqueness is case-insensitive.
CREATE TABLE users (
    id            varchar(36)  NOT NULL PRIMARY KEY,
    username      varchar(100) NOT NULL,
    email         varchar(320),
    display_name  varchar(200) NOT NULL,
    password_hash varchar(500) NOT NULL,
    enabled       boolean      NOT NULL DEFAULT TRUE,
    created_at    timestamp with time zone NOT NULL,
    updated_at    timestamp with time zone NOT NULL,
    last_login_at timestamp with time zone
);
CREATE UNIQUE INDEX users_username_uk ON users (username);
CREATE UNIQUE INDEX users_email_uk ON users (email);

CREATE TABLE user_roles (
    user_id varchar(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    varchar(50) NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Signing keys. A key is published from creation until every token it signed has expired.
CREATE TABLE signing_keys (
    kid          varchar(64) NOT NULL PRIMARY KEY,
    algorithm    varchar(10) NOT NULL,
    jwk          varchar     NOT NULL,
    created_at   timestamp with time zone NOT NULL,
    activated_at timestamp with time zone,
    retired_at   timestamp with time zone
);

-- Spring Authorization Server's stock tables, with two changes:
-- token and JSON columns are varchar instead of blob (no LOB handling on the hot path),
-- and every token value is also kept as a SHA-256 hash in an indexed column, which is what lookups use.
CREATE TABLE oauth2_registered_client (
    id                            varchar(100)  NOT NULL PRIMARY KEY,
    client_id                     varchar(100)  NOT NULL,
    client_id_issued_at           timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret                 varchar(200)  DEFAULT NULL,
    client_secret_expires_at      timestamp with time zone DEFAULT NULL,
    client_name                   varchar(200)  NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types     varchar(1000) NOT NULL,
    redirect_uris                 varchar(4000) DEFAULT NULL,
    post_logout_redirect_uris     varchar(4000) DEFAULT NULL,
    scopes                        varchar(1000) NOT NULL,
    client_settings               varchar(4000) NOT NULL,
    token_settings                varchar(4000) NOT NULL
);
CREATE UNIQUE INDEX oauth2_registered_client_client_id_uk ON oauth2_registered_client (client_id);

CREATE TABLE oauth2_authorization (
    id                            varchar(100) NOT NULL PRIMARY KEY,
    registered_client_id          varchar(100) NOT NULL,
    principal_name                varchar(200) NOT NULL,
    authorization_grant_type      varchar(100) NOT NULL,
    authorized_scopes             varchar(1000) DEFAULT NULL,
    attributes                    varchar      DEFAULT NULL,
    state                         varchar(500) DEFAULT NULL,
    authorization_code_value      varchar      DEFAULT NULL,
    authorization_code_issued_at  timestamp with time zone DEFAULT NULL,
    authorization_code_expires_at timestamp with time zone DEFAULT NULL,
    authorization_code_metadata   varchar      DEFAULT NULL,
    access_token_value            varchar      DEFAULT NULL,
    access_token_issued_at        timestamp with time zone DEFAULT NULL,
    access_token_expires_at       timestamp with time zone DEFAULT NULL,
    access_token_metadata         varchar      DEFAULT NULL,
    access_token_type             varchar(100) DEFAULT NULL,
    access_token_scopes           varchar(1000) DEFAULT NULL,
    oidc_id_token_value           varchar      DEFAULT NULL,
    oidc_id_token_issued_at       timestamp with time zone DEFAULT NULL,
    oidc_id_token_expires_at      timestamp with time zone DEFAULT NULL,
    oidc_id_token_metadata        varchar      DEFAULT NULL,
    refresh_token_value           varchar      DEFAULT NULL,
    refresh_token_issued_at       timestamp with time zone DEFAULT NULL,
    refresh_token_expires_at      timestamp with time zone DEFAULT NULL,
    refresh_token_metadata        varchar      DEFAULT NULL,
    user_code_value               varchar      DEFAULT NULL,
    user_code_issued_at           timestamp with time zone DEFAULT NULL,
    user_code_expires_at          timestamp with time zone DEFAULT NULL,
    user_code_metadata            varchar      DEFAULT NULL,
    device_code_value             varchar      DEFAULT NULL,
    device_code_issued_at         timestamp with time zone DEFAULT NULL,
    device_code_expires_at        timestamp with time zone DEFAULT NULL,
    device_code_metadata          varchar      DEFAULT NULL,
    state_hash                    varchar(64)  DEFAULT NULL,
    authorization_code_hash       varchar(64)  DEFAULT NULL,
    access_token_hash             varchar(64)  DEFAULT NULL,
    oidc_id_token_hash            varchar(64)  DEFAULT NULL,
    refresh_token_hash            varchar(64)  DEFAULT NULL,
    user_code_hash                varchar(64)  DEFAULT NULL,
    device_code_hash              varchar(64)  DEFAULT NULL,
    -- When the last token in this grant expires; the purge job deletes rows past it.
    expires_at                    timestamp with time zone NOT NULL
);
CREATE INDEX oauth2_authorization_state_ix ON oauth2_authorization (state_hash);
CREATE INDEX oauth2_authorization_code_ix ON oauth2_authorization (authorization_code_hash);
CREATE INDEX oauth2_authorization_access_ix ON oauth2_authorization (access_token_hash);
CREATE INDEX oauth2_authorization_id_token_ix ON oauth2_authorization (oidc_id_token_hash);
CREATE INDEX oauth2_authorization_refresh_ix ON oauth2_authorization (refresh_token_hash);
CREATE INDEX oauth2_authorization_user_code_ix ON oauth2_authorization (user_code_hash);
CREATE INDEX oauth2_authorization_device_code_ix ON oauth2_authorization (device_code_hash);
CREATE INDEX oauth2_authorization_expires_ix ON oauth2_authorization (expires_at);
CREATE INDEX oauth2_authorization_principal_ix ON oauth2_authorization (principal_name);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100)  NOT NULL,
    principal_name       varchar(200)  NOT NULL,
    authorities          varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- Spring Session JDBC (the SSO session), as shipped, with bytea for the attribute bytes.
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID            CHAR(36) NOT NULL,
    SESSION_ID            CHAR(36) NOT NULL,
    CREATION_TIME         BIGINT   NOT NULL,
    LAST_ACCESS_TIME      BIGINT   NOT NULL,
    MAX_INACTIVE_INTERVAL INT      NOT NULL,
    EXPIRY_TIME           BIGINT   NOT NULL,
    PRINCIPAL_NAME        VARCHAR(100),
    CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);
CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36)     NOT NULL,
    ATTRIBUTE_NAME     VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES    BYTEA        NOT NULL,
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION (PRIMARY_ID) ON DELETE CASCADE
);
