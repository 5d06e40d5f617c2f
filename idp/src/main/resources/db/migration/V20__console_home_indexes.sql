-- Issue 12: the admin console's home page counts and lists audit events by action and outcome over the last day
-- (sign-ins per hour, failed sign-ins, locks, failed back-channel deliveries). With (action, outcome, occurred_at)
-- each of those reads only the rows it counts, however many other events the table holds (a million and more).
-- Version 20, apart from the numbers other work adds next. Same subset of SQL for H2 and PostgreSQL.
CREATE INDEX audit_events_action_ix ON audit_events (action, outcome, occurred_at);

-- "Apps and when each was last used", most recent first, without sorting every app.
CREATE INDEX oauth2_registered_client_used_ix ON oauth2_registered_client (last_used_at);
