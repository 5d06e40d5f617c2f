-- Passkeys (WebAuthn): Spring Security's JdbcPublicKeyCredentialUserEntityRepository and JdbcUserCredentialRepository
-- tables as shipped in spring-security-web (user-entities-schema.sql, user-credentials-schema.sql), in types H2 and
-- PostgreSQL share (bytea for blob, timestamp with time zone), with the indexes their lookups need.

-- One WebAuthn user handle per account. name is the account id (users.id): Spring looks entities up by the
-- signed-in principal's name, which here is the account id. id is the random user handle the authenticator keeps.
CREATE TABLE user_entities (
    id           varchar(1000) NOT NULL PRIMARY KEY,
    name         varchar(100)  NOT NULL,
    display_name varchar(200)
);
CREATE UNIQUE INDEX user_entities_name_uk ON user_entities (name);

-- One row per passkey. label is the name the person gave it; created and last_used are shown on the account page.
CREATE TABLE user_credentials (
    credential_id                varchar(1000) NOT NULL PRIMARY KEY,
    user_entity_user_id          varchar(1000) NOT NULL,
    public_key                   bytea         NOT NULL,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       NOT NULL,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       NOT NULL,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp with time zone,
    last_used                    timestamp with time zone,
    label                        varchar(1000) NOT NULL
);
CREATE INDEX user_credentials_user_ix ON user_credentials (user_entity_user_id);
