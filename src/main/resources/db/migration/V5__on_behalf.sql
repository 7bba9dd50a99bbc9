-- Someone acting on the requester's behalf: who, and that they confirmed their authorisation.
alter table dsr_request add column on_behalf boolean default false not null;
alter table dsr_request add column agent_name varchar(200);
alter table dsr_request add column agent_email varchar(254);
