-- A history line's text as a key of the plugin's bundle, with the Bureau's reason as its
-- argument, so each reader sees it in their own language; note keeps the English text. Lines
-- written before have no key and are shown as written.
ALTER TABLE history
  ADD COLUMN note_key     VARCHAR(100)  NULL,
  ADD COLUMN note_reason  VARCHAR(1000) NULL;
