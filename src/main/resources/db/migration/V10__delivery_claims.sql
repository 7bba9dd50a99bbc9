-- Exactly-once sending across retries, crashes and nodes: one claimant at a time sends an email
-- (claimed_by / claimed_until), "sent" is recorded before the SMTP end-of-data marker is written,
-- and confirmed_at is when the server's acceptance was seen.
alter table dsr_correspondence add column claimed_by varchar(128);
alter table dsr_correspondence add column claimed_until timestamp with time zone;
alter table dsr_correspondence add column confirmed_at timestamp with time zone;
