-- What identifies a department task, copied when the task is created: the answer is recorded
-- against this, never against what the completion sends (least privilege inside the engine).
create table dsr_department_task (
    task_id     varchar(64)  primary key,
    request_id  bigint       not null references dsr_request (id) on delete cascade,
    department  varchar(64)  not null,
    type        varchar(32)  not null,
    categories  varchar(500) not null,
    created_at  timestamp with time zone not null
);
create index dsr_department_task_request on dsr_department_task (request_id);
create index dsr_request_process_instance on dsr_request (process_instance_id);
