-- The privacy team's decision on each department file before anything leaves (issue 24): include it, exclude it with
-- an Art. 15(4) reason the requester is shown (Art. 12(4)), or replace it with a redacted version it uploads. A
-- redacted version is a row of its own (same request, task, department and category) pointing at the original by
-- redaction_of; only originals carry a decision. No decision yet: decision is null.
alter table dsr_department_file add column decision varchar(16);
alter table dsr_department_file add column decision_reason varchar(2000);
alter table dsr_department_file add column decided_by varchar(255);
alter table dsr_department_file add column decided_at timestamp with time zone;
alter table dsr_department_file add column redaction_of varchar(36);
create index dsr_department_file_redaction on dsr_department_file (redaction_of);
