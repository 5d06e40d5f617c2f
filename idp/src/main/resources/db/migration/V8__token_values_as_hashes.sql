-- No token a client holds is kept in clear (TokenValuesAsHashes): where a value was stored, keep only the
-- hash that lookups already use, marked as one.
UPDATE oauth2_authorization SET
    authorization_code_value = CASE WHEN authorization_code_hash IS NULL THEN NULL ELSE 'sha256:' || authorization_code_hash END,
    access_token_value       = CASE WHEN access_token_hash IS NULL THEN NULL ELSE 'sha256:' || access_token_hash END,
    oidc_id_token_value      = CASE WHEN oidc_id_token_hash IS NULL THEN NULL ELSE 'sha256:' || oidc_id_token_hash END,
    refresh_token_value      = CASE WHEN refresh_token_hash IS NULL THEN NULL ELSE 'sha256:' || refresh_token_hash END,
    user_code_value          = CASE WHEN user_code_hash IS NULL THEN NULL ELSE 'sha256:' || user_code_hash END,
    device_code_value        = CASE WHEN device_code_hash IS NULL THEN NULL ELSE 'sha256:' || device_code_hash END;
