-- The answer's report as PDF (issue 24, the package): a document with binary content, rendered from the HTML report when
-- the answer is sent and kept with the other documents, so the package is what was answered. Text documents keep using
-- content; a binary one leaves it empty.
alter table dsr_document add column binary_content bytea;
alter table dsr_document alter column content drop not null;

-- What each download was: the document's kind, or 'zip' for the whole package (recorded against the answer's report).
alter table dsr_download add column format varchar(16);
