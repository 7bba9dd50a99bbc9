-- A processor or recipient sees the person's name and email address on its page only when it asks
-- for them, a limited number of times (dsr.external-parties.identifier-views): how often they were
-- shown, and when last, per party of a request. Who asked is not recorded (no addresses kept).
alter table dsr_external_task add column identifier_views integer default 0 not null;
alter table dsr_external_task add column identifiers_shown_at timestamp with time zone;
