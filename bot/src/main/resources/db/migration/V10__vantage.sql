-- Vantage points (issue 16): a check may be MITIGATED (a challenge or block page answered), nine
-- letters; and results come from several locations (NULL is the nodes' own, location "home").
ALTER TABLE check_results ALTER COLUMN outcome SET DATA TYPE VARCHAR(16);
ALTER TABLE check_results ADD COLUMN location VARCHAR(32);
