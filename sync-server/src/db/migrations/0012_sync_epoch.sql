-- Version 12: the sync epoch (shared/src/sync/protocol.ts, Checkpoint). Devices keep, per collection, the
-- server sequence they have seen. Restoring a backup takes documents and sequence back to the backup's moment:
-- a device that synced later would wait for sequence numbers it has already passed, and what it wrote after
-- the backup would exist only on that device. Every restore starts a new epoch (db/backup.ts); checkpoints
-- carry it; a pull from a checkpoint of an earlier epoch is refused with `epoch-changed`, and the device starts
-- its replication over: it pulls everything and sends back what it holds.
CREATE TABLE sync_epoch (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  epoch text NOT NULL CHECK (length(epoch) BETWEEN 1 AND 64)
);
INSERT INTO sync_epoch (epoch) VALUES (gen_random_uuid()::text);

-- Read by every pull and stream (as vitals_app); written only by a restore, as the owner.
GRANT SELECT ON sync_epoch TO vitals_app;
