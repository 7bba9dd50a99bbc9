-- Exactly-once sending: each email has an idempotency key (request, kind, where in the process,
-- sequence), recorded in its own committed transaction before and after the SMTP send.
alter table dsr_correspondence add column idempotency_key varchar(200);
alter table dsr_correspondence add column attempts integer default 0 not null;
alter table dsr_correspondence add column last_error varchar(1000);
alter table dsr_correspondence add column updated_at timestamp with time zone;
update dsr_correspondence set idempotency_key = 'legacy-' || id, attempts = 1, updated_at = sent_at;
alter table dsr_correspondence alter column sent_at drop not null;
create unique index dsr_correspondence_key on dsr_correspondence (idempotency_key);
