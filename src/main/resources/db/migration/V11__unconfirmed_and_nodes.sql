-- Emails sent before the end-of-data hook existed were recorded after the server's answer: confirmed.
update dsr_correspondence set confirmed_at = sent_at where status = 'SENT' and confirmed_at is null;
create index dsr_correspondence_unconfirmed on dsr_correspondence (confirmed_at);

-- One row per running node: which process (run) uses the node id, and when it last said so. A
-- process starts as a node only when no other live process uses the id; a restarted node takes
-- over its dead run's job locks and email claims once that run's lease has run out.
create table dsr_node (
    node_id      varchar(128) primary key,
    run_id       varchar(64)  not null,
    started_at   timestamp with time zone not null,
    heartbeat_at timestamp with time zone not null
);
