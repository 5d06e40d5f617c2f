-- Every save of a grant is a compare-and-set on its version: of two requests that read the same grant
-- (two redemptions of one code, a refresh racing a revocation), only the first to save wins.
ALTER TABLE oauth2_authorization ADD COLUMN row_version bigint DEFAULT 0 NOT NULL;
