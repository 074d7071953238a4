-- What the reviewer's desk and the retention purge need: when a case's
-- evidence files were purged, and which cases were stored final by Open
-- (rejected at once by the machine), whose decided_at Stats does not count.
ALTER TABLE cases ADD COLUMN files_purged_at INTEGER; -- Unix milliseconds; NULL: not purged
ALTER TABLE cases ADD COLUMN opened_final INTEGER NOT NULL DEFAULT 0; -- 1: stored final by Open

-- decided_at now holds review.Case.DecidedAt for every final case. A case
-- stored final before this migration counts as decided at its submission.
UPDATE cases SET opened_final = 1, decided_at = submitted_at
    WHERE state IN (3, 4, 5) AND decided_at IS NULL;

-- The retention purge: final cases whose files remain, in queue order
-- (List with DecidedBefore and Unpurged).
CREATE INDEX cases_unpurged ON cases (due_at, id) WHERE state IN (3, 4, 5) AND files_purged_at IS NULL;
