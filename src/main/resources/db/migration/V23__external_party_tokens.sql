-- A processor's or recipient's link (Art. 19, 28) is a secret of the request like the requester's: one token
-- table for all, each with its purpose, and for a party's link the party that holds it (its register id). The
-- links issued so far move over unchanged: their hashes, expiry and use; created when the party was first asked.
alter table dsr_token add column holder varchar(64);

insert into dsr_token (request_id, purpose, token_hash, created_at, expires_at, used_at, holder)
select x.request_id, 'EXTERNAL_PARTY', t.token_hash, coalesce(x.asked_at, current_timestamp), t.expires_at, t.used_at, x.party
from dsr_external_token t join dsr_external_task x on x.id = t.task_id;

drop table dsr_external_token;
