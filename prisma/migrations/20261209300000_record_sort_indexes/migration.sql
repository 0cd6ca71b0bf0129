-- The records table's sorts, read from an index: a page sorted by title, journal or first author
-- walks the index from the nearer end (listRecords) instead of computing the key of every record
-- of the project and sorting them all. Ties (and the import order) are sorted within each run of
-- equal keys, which the planner does incrementally. Year already has its index.
CREATE INDEX "literature_record_title_sort_idx" ON "literature_record" ("project_id", lower("title"));
CREATE INDEX "literature_record_journal_sort_idx" ON "literature_record" ("project_id", lower("journal"));
CREATE INDEX "literature_record_first_author_sort_idx" ON "literature_record" ("project_id", lower(("authors" ->> 0)));
