-- Files a department attaches to its answer (issue 24). The content is encrypted at rest (AES-256-GCM: a 12-byte
-- nonce, then the ciphertext and tag; the file's id is the associated data); the SHA-256 is of the plaintext.
-- Never in process variables or engine history; erased with the request by retention.
create table dsr_department_file (
    id           varchar(36)  primary key,
    request_id   bigint       not null references dsr_request (id) on delete cascade,
    task_id      varchar(64)  not null,
    department   varchar(64)  not null,
    category     varchar(64)  not null,
    name         varchar(255) not null,
    media_type   varchar(128) not null,
    size_bytes   bigint       not null,
    sha256       varchar(64)  not null,
    content      bytea        not null,
    uploaded_by  varchar(255) not null,
    uploaded_at  timestamp with time zone not null
);
create index dsr_department_file_request on dsr_department_file (request_id);
create index dsr_department_file_task on dsr_department_file (task_id);
