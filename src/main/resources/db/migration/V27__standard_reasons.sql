-- The register's standard reason (its id) picked for an extension or a fee; the requester reads its text in
-- their language, followed by the privacy team's own words (extension_reasons, dsr_fee.reasons), which may now
-- be left empty when a standard reason is picked. Ids are no personal data: they stay after erase-after.
alter table dsr_request add column extension_reason varchar(64);
alter table dsr_fee add column reason varchar(64);
