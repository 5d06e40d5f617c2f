-- One key per activation instant: when two nodes schedule the next key at the same moment, one insert wins.
CREATE UNIQUE INDEX signing_keys_activated_uk ON signing_keys (activated_at);
