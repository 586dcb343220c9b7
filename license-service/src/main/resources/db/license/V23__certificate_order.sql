-- issued_at has whole seconds (it is signed into the certificate): list newest first by insertion order.
ALTER TABLE certificates ADD COLUMN seq BIGSERIAL;
CREATE INDEX certificates_license_seq_idx ON certificates (license_id, seq DESC);
