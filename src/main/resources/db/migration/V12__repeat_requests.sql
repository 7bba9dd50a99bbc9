-- Art. 12(5): finding an earlier request by the same address. The address in lower case, indexed;
-- personal data like the address itself, erased with it (RetentionService).
alter table dsr_request add column email_key varchar(254);
update dsr_request set email_key = lower(requester_email) where anonymised_at is null;
create index dsr_request_email_key on dsr_request (email_key);
