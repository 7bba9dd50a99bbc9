-- A request registered from a letter or a call may have no email address; its postal address is where
-- the answer goes (by letter). Erased with the requester's other details.
alter table dsr_request alter column requester_email drop not null;
alter table dsr_request add column postal_address varchar(600);
