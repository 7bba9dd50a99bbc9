-- The SLA figures per request type: the answer statistics get the request's type as part of their key.
-- The table is a read model of dsr_request (whose rows are never deleted: retention erases the
-- personal data, the register entry stays), so it is rebuilt from it. Dropping and creating it is the
-- same on H2 and PostgreSQL; changing the primary key in place is not (its generated name differs).
-- Nodes of the previous version cannot write the new table: upgrade all nodes of a cluster together.
drop table dsr_answer_stats;
create table dsr_answer_stats (
    answered_on    date        not null,
    days_to_answer integer     not null,
    on_time        boolean     not null,
    type           varchar(32) not null,
    requests       integer     not null,
    primary key (answered_on, days_to_answer, on_time, type)
);
insert into dsr_answer_stats (answered_on, days_to_answer, on_time, type, requests)
    select answered_on, days_to_answer, on_time, type, count(*) from dsr_request
    where answered_on is not null and days_to_answer is not null and on_time is not null
    group by answered_on, days_to_answer, on_time, type;
