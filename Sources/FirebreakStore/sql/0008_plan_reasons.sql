-- Plans that explain themselves (issue #15). Every placed item of a stored plan carries the reason
-- the planner placed it for, with its sentence, and every unplanned item its reason as one letter
-- of `unplannedReasons` (c no-capacity, t too-big, b blocked-by, v no-value, n not-estimated); the
-- sentences of unplanned items are worded again when the plan is read. Plans stored before this
-- migration have no reasons for their placed items: the constraint is NOT VALID, so it holds for
-- every plan stored from now on and leaves the older ones, which never change, as they are.

CREATE FUNCTION plan_body_gives_reasons(body jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT NOT jsonb_path_exists(body, '$.sprints[*].items[*] ? (!(@.reason == "claimed"
               || @.reason == "best-fit" || @.reason == "after-dependency" || @.reason == "due-date")
               || !(@.reasonText.type() == "string"))')
        AND coalesce(body->>'unplannedReasons', '') ~ '^[ctbvn]*$'
$$;

ALTER TABLE plans ADD CONSTRAINT plans_give_reasons CHECK (plan_body_gives_reasons(body)) NOT VALID;
