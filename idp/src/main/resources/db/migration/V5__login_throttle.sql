-- Failed sign-ins, per account name and per client address, for brute-force throttling.
-- The key is "user:<lower-cased username>" or "addr:<address>"; any username counts, existing or not,
-- so throttling never tells whether an account exists.
CREATE TABLE login_failures (
    throttle_key varchar(200) NOT NULL PRIMARY KEY,
    failures     integer      NOT NULL,
    last_failure timestamp with time zone NOT NULL,
    locked_until timestamp with time zone
);
CREATE INDEX login_failures_last_ix ON login_failures (last_failure);
