-- When the requester's personal data of a closed request was erased; the register entry stays.
alter table dsr_request add column anonymised_at timestamp with time zone;
alter table dsr_correspondence alter column recipient drop not null;
