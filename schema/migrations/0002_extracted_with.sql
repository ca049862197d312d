-- Which extractor produced a document's records (a hash of its code and data),
-- so that a build re-extracts unchanged files when the extractor has changed.
ALTER TABLE documents ADD COLUMN extracted_with TEXT;
