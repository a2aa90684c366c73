-- A team's own names for severities (DESIGN.md section 3): a report's severity is read from a named
-- scale (SEV1, P1) or from this table (`firebreak team set CORE --severity-alias Critical=SEV1`),
-- never guessed. Keys are the aliases lower-cased and trimmed (Team.severityAliasKey), values the
-- severity 1 (SEV1) to 4 (SEV4).

-- Whether `aliases` is such a table: an object of non-empty trimmed keys of at most 50 characters,
-- each mapped to the number 1, 2, 3 or 4. Lower case is left to Swift, which lower-cases by Unicode
-- rules that a database's locale need not share.
CREATE FUNCTION severity_aliases_are_valid(aliases jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN jsonb_typeof(aliases) = 'object' THEN NOT EXISTS (
        SELECT 1 FROM jsonb_each(aliases) AS a (alias, level)
        WHERE a.alias = '' OR a.alias <> btrim(a.alias) OR length(a.alias) > 50
            OR jsonb_typeof(a.level) <> 'number' OR a.level::text NOT IN ('1', '2', '3', '4'))
    ELSE false END
$$;

ALTER TABLE teams
    ADD COLUMN severity_aliases jsonb NOT NULL DEFAULT '{}'::jsonb
        CONSTRAINT teams_severity_aliases_check CHECK (severity_aliases_are_valid(severity_aliases));
