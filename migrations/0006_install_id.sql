-- A random id for this database, in the callback data each send carries
-- (`shopchat:<install id>:<message id>`), so a late status webhook for a message of an earlier
-- database (after a reset or a restore: message ids start again) can never settle a message of
-- this one.
INSERT OR IGNORE INTO meta (key, value) VALUES ('install_id', lower(hex(randomblob(6))));
