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

-- The SLA figures' statistics: answered requests per day of the answer, days taken and on time or
-- not, kept up to date when a request is answered. The figures read this small table, never all
-- requests ever answered (1 000 000 requests: a few thousand rows here).
create table dsr_answer_stats (
    answered_on    date    not null,
    days_to_answer integer not null,
    on_time        boolean not null,
    requests       integer not null,
    primary key (answered_on, days_to_answer, on_time)
);
insert into dsr_answer_stats (answered_on, days_to_answer, on_time, requests)
    select answered_on, days_to_answer, on_time, count(*) from dsr_request
    where answered_on is not null and days_to_answer is not null and on_time is not null
    group by answered_on, days_to_answer, on_time;
