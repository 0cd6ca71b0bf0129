-- search_text keeps each word once, where it first appears (searchText in @sift/literature): a
-- search asks only whether each of its words begins some word of the record, so repeats cost
-- bytes in every record and nothing else. Records imported before this are rewritten the same way;
-- their search results are unchanged.
UPDATE "literature_record" r
SET "search_text" = words.text
FROM (
  SELECT id, string_agg(word, ' ' ORDER BY first) AS text
  FROM (
    SELECT lr.id, w.word, min(w.n) AS first
    FROM "literature_record" lr, regexp_split_to_table(lr."search_text", ' ') WITH ORDINALITY AS w(word, n)
    WHERE w.word <> ''
    GROUP BY lr.id, w.word
  ) distinct_words
  GROUP BY id
) words
WHERE r.id = words.id AND r."search_text" <> words.text;
