-- A plan's unplanned items (every open action it leaves out: most of a large backlog) move out of
-- the JSON body into typed arrays. Written as JSON, PostgreSQL parsed each of their ranks, values
-- and efforts into a jsonb numeric, most of the time it took to store a plan of 100,000 actions;
-- arrays arrive in binary and are stored as they come. The body keeps the sprints, the reasons
-- and the warnings.
ALTER TABLE plans
    ADD COLUMN unplanned_keys text[] NOT NULL DEFAULT '{}',
    ADD COLUMN unplanned_ranks integer[] NOT NULL DEFAULT '{}',
    ADD COLUMN unplanned_values float8[] NOT NULL DEFAULT '{}',
    ADD COLUMN unplanned_efforts float8[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT plans_unplanned_arrays_align CHECK (
        cardinality(unplanned_ranks) = cardinality(unplanned_keys)
        AND cardinality(unplanned_values) = cardinality(unplanned_keys)
        AND cardinality(unplanned_efforts) = cardinality(unplanned_keys));

-- Plans stored before: their arrays move over, the rest of their body stays as it was. A stored
-- plan is never changed but by this move, so the immutability trigger and the reasons check
-- (NOT VALID: older bodies may lack reasons) stand aside for it.
ALTER TABLE plans DISABLE TRIGGER plans_immutable;
ALTER TABLE plans DROP CONSTRAINT plans_give_reasons;
UPDATE plans SET
    unplanned_keys = ARRAY(SELECT jsonb_array_elements_text(body->'unplannedKeys')),
    unplanned_ranks = ARRAY(SELECT x::integer FROM jsonb_array_elements_text(body->'unplannedRanks') x),
    unplanned_values = ARRAY(SELECT x::float8 FROM jsonb_array_elements_text(body->'unplannedValues') x),
    unplanned_efforts = ARRAY(SELECT x::float8 FROM jsonb_array_elements_text(body->'unplannedEfforts') x),
    body = body - '{unplannedKeys,unplannedRanks,unplannedValues,unplannedEfforts}'::text[]
WHERE body ? 'unplannedKeys';
ALTER TABLE plans ADD CONSTRAINT plans_give_reasons CHECK (plan_body_gives_reasons(body)) NOT VALID;
ALTER TABLE plans ENABLE TRIGGER plans_immutable;

ALTER TABLE plans
    ALTER COLUMN unplanned_keys DROP DEFAULT,
    ALTER COLUMN unplanned_ranks DROP DEFAULT,
    ALTER COLUMN unplanned_values DROP DEFAULT,
    ALTER COLUMN unplanned_efforts DROP DEFAULT;

-- As the body (0016): lz4 where the server has it.
DO $$
BEGIN
    ALTER TABLE plans
        ALTER COLUMN unplanned_keys SET COMPRESSION lz4,
        ALTER COLUMN unplanned_ranks SET COMPRESSION lz4,
        ALTER COLUMN unplanned_values SET COMPRESSION lz4,
        ALTER COLUMN unplanned_efforts SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: plans'' unplanned items stay compressed with pglz';
END
$$;
