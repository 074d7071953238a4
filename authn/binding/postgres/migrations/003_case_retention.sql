-- What the reviewer's desk and the retention purge need: when a case's
-- evidence files were purged, and which cases were stored final by Open
-- (rejected at once by the machine), whose decided_at Stats does not count.
-- Both columns are added without rewriting the table.
ALTER TABLE {{schema}}.cases ADD COLUMN files_purged_at timestamptz; -- NULL: not purged
ALTER TABLE {{schema}}.cases ADD COLUMN opened_final boolean NOT NULL DEFAULT false;

-- decided_at now holds review.Case.DecidedAt for every final case. A case
-- stored final before this migration counts as decided at its submission.
UPDATE {{schema}}.cases SET opened_final = true, decided_at = submitted_at
 WHERE NOT pending AND decided_at IS NULL;

-- The retention purge: final cases whose files remain, in queue order (List
-- with DecidedBefore and Unpurged). The predicate tests pending, not state,
-- so that a claim (state 1 to 2) stays a HOT update.
CREATE INDEX cases_unpurged ON {{schema}}.cases (due_at, id) WHERE NOT pending AND files_purged_at IS NULL;
