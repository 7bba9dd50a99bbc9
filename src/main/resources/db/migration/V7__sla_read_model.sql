-- A small read model for the SLA figures, written when a request is answered (or refused): the day
-- of the answer, calendar days from receipt, and whether it was within the (possibly extended) deadline.
alter table dsr_request add column answered_on date;
alter table dsr_request add column days_to_answer integer;
alter table dsr_request add column on_time boolean;
create index dsr_request_status on dsr_request (status);
create index dsr_request_answered on dsr_request (answered_on);
