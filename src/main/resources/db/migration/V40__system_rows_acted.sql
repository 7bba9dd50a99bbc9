-- A confirmed action in an HTTP system runs row by row; each row done is marked here at once, so a retry after a failing
-- call goes on with the rows not yet done instead of repeating calls that had succeeded (issue 26, review).
alter table dsr_system_record add column acted_in_run bigint;
