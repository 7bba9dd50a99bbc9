-- Replies, bounces and auto-replies by email (issue 25, part 2).
-- A bounce (an RFC 3464 delivery status notification for one of our emails) marks its correspondence entry BOUNCED
-- with the status code (e.g. 5.1.1), the diagnostic as the remote server wrote it (it may name the address: erased
-- with the recipient) and when; a delayed DSN is only noted (delay_noted_at). An out-of-office reply to one of our
-- emails is noted on that entry (auto_reply_at).
alter table dsr_correspondence add column bounced_at timestamp with time zone;
alter table dsr_correspondence add column bounce_status varchar(16);
alter table dsr_correspondence add column bounce_diagnostic varchar(1000);
alter table dsr_correspondence add column delay_noted_at timestamp with time zone;
alter table dsr_correspondence add column auto_reply_at timestamp with time zone;
create index dsr_correspondence_message_id on dsr_correspondence (message_id);

-- A requester's reply that came by email: the stored message it came in, and whether the request was waiting for it
-- (identity evidence, our question: it then counted as the reply) or not (recorded, and the privacy team told).
-- Replies through the reply page always answer a wait.
alter table dsr_requester_reply add column inbox_message_id bigint;
alter table dsr_requester_reply add constraint dsr_requester_reply_message
    foreign key (inbox_message_id) references dsr_inbox_message (id) on delete set null;
alter table dsr_requester_reply add column awaited boolean default true not null;

-- A request whose answer (or refusal) bounced: not delivered, so the SLA statistics (dsr_answer_stats) no longer count
-- it; the request keeps its answer day (when the answer was sent).
alter table dsr_request add column answer_bounced boolean default false not null;
