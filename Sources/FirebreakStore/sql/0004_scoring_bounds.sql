-- The ranges of ScoringBounds (FirebreakCore) as constraints. Ranking runs in SQL, and PostgreSQL
-- fails a float8 product that underflows to 0 from factors that are not 0 (or overflows) instead
-- of rounding it; within these ranges no incident's cost can. A weight of 1e-300 made a team's
-- backlog fail with "value out of range: underflow" (found by scripts/api-fuzz).
--
-- Values stored before these bounds move to the nearest bound, and the row's version moves on, so
-- that an If-Match read before this migration no longer matches.

UPDATE teams SET
    ticket_weight = CASE WHEN ticket_weight = 0 THEN 0 ELSE least(greatest(ticket_weight, 0.001), 1000000) END,
    customer_multiplier =
        CASE WHEN customer_multiplier = 0 THEN 0 ELSE least(greatest(customer_multiplier, 0.001), 1000000) END,
    default_estimate = least(greatest(default_estimate, 0.01), 1000),
    version = version + 1, updated_at = now()
WHERE (ticket_weight <> 0 AND ticket_weight NOT BETWEEN 0.001 AND 1000000)
    OR (customer_multiplier <> 0 AND customer_multiplier NOT BETWEEN 0.001 AND 1000000)
    OR default_estimate NOT BETWEEN 0.01 AND 1000;

UPDATE actions SET estimate = 0.01, version = version + 1, updated_at = now() WHERE estimate < 0.01;

UPDATE action_incidents SET coverage = 0.001 WHERE coverage < 0.001;

ALTER TABLE teams
    DROP CONSTRAINT teams_ticket_weight_check,
    ADD CONSTRAINT teams_ticket_weight_check
        CHECK (ticket_weight = 0 OR ticket_weight BETWEEN 0.001 AND 1000000),
    DROP CONSTRAINT teams_customer_multiplier_check,
    ADD CONSTRAINT teams_customer_multiplier_check
        CHECK (customer_multiplier = 0 OR customer_multiplier BETWEEN 0.001 AND 1000000),
    DROP CONSTRAINT teams_default_estimate_check,
    ADD CONSTRAINT teams_default_estimate_check CHECK (default_estimate BETWEEN 0.01 AND 1000);

ALTER TABLE actions
    DROP CONSTRAINT actions_estimate_check,
    ADD CONSTRAINT actions_estimate_check CHECK (estimate BETWEEN 0.01 AND 1000);

ALTER TABLE action_incidents
    DROP CONSTRAINT action_incidents_coverage_check,
    ADD CONSTRAINT action_incidents_coverage_check CHECK (coverage BETWEEN 0.001 AND 1);
