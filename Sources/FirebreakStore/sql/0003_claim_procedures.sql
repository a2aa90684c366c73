-- Claims, releases and completions as procedures that COMMIT before they answer, in one round trip.
--
-- PostgreSQL commits a lone statement of the extended protocol only at the Sync after it, and a
-- driver may hand the statement's rows to its caller before then: a claim could be answered and
-- then rolled back (a server shutting down between the two, a deferred check failing at commit).
-- A procedure's own COMMIT runs before CALL completes, so the answer comes after the commit; a
-- failed commit is CALL's error. CALL must then run in a transaction of its own (not inside
-- BEGIN ... COMMIT, where a procedure may not commit).
--
-- Each answers the changed action's team, or NULL when nothing changed (the caller explains why).

-- `p_handle` claims `p_key`: open, of the engineer's team; the WIP limit is kept by the
-- actions_count_claims trigger (0002), which raises FB001.
CREATE PROCEDURE claim_action(p_handle text, p_key text, INOUT changed_team bigint DEFAULT NULL)
LANGUAGE plpgsql AS $$
BEGIN
    WITH claimed AS (
        UPDATE actions a SET status = 'claimed', claimed_by = e.id, claimed_at = now(),
            version = a.version + 1, updated_at = now()
        FROM engineers e
        WHERE e.handle = p_handle AND a.key = p_key AND a.status = 'open' AND a.team_id = e.team_id
        RETURNING a.team_id)
    INSERT INTO audit_entries (actor, verb, subject, team_id, details)
    SELECT p_handle, 'claim', p_key, c.team_id, '{}'::jsonb FROM claimed c
    RETURNING audit_entries.team_id INTO changed_team;
    COMMIT;
END
$$;

-- Moves `p_key` from one of `p_allowed` to `p_status`, dropping its claim; only `p_handle`'s own
-- claim when `p_handle` is not NULL. The audit entry is `p_actor`'s, with verb `p_verb`.
CREATE PROCEDURE finish_action(
    p_status text, p_key text, p_allowed text[], p_handle text, p_actor text, p_verb text,
    INOUT changed_team bigint DEFAULT NULL)
LANGUAGE plpgsql AS $$
BEGIN
    WITH changed AS (
        UPDATE actions SET status = p_status, claimed_by = NULL, claimed_at = NULL,
            version = version + 1, updated_at = now()
        WHERE key = p_key AND status = ANY (p_allowed)
            AND (p_handle IS NULL OR claimed_by = (SELECT id FROM engineers WHERE handle = p_handle))
        RETURNING team_id)
    INSERT INTO audit_entries (actor, verb, subject, team_id, details)
    SELECT p_actor, p_verb, p_key, c.team_id, '{}'::jsonb FROM changed c
    RETURNING audit_entries.team_id INTO changed_team;
    COMMIT;
END
$$;
