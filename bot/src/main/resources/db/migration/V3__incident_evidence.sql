-- What correlation found on an incident (claims, task lists, campaign rules), as JSON text.
ALTER TABLE incidents ADD COLUMN evidence_json VARCHAR NOT NULL DEFAULT '[]';
