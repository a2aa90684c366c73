-- Who acted, and for whom (issue #13). A claim's audit entry named the engineer claimed for as its
-- actor, so a manager's claim for ben read as ben's own, and an engineer's claim named the handle,
-- not the token that made it. Now `actor` is who acted (the API token `api:NAME`, the local CLI's
-- user), and `on_behalf_of` the engineer acted for, when that is someone else: a manager claiming
-- for ben, the local user claiming `--as ben`, a manager releasing or completing ben's claim.

ALTER TABLE audit_entries ADD COLUMN on_behalf_of text;

-- `p_actor` claims `p_key` for engineer `p_handle`; as claim_action of 0003 otherwise (the WIP limit
-- is the actions_count_claims trigger's, which raises FB001).
CREATE PROCEDURE claim_action(
    p_handle text, p_key text, p_actor text, p_on_behalf_of text, INOUT changed_team bigint DEFAULT NULL)
LANGUAGE plpgsql AS $$
BEGIN
    WITH claimed AS (
        UPDATE actions a SET status = 'claimed', claimed_by = e.id, claimed_at = now(),
            version = a.version + 1, updated_at = now()
        FROM engineers e
        WHERE e.handle = p_handle AND a.key = p_key AND a.status = 'open' AND a.team_id = e.team_id
        RETURNING a.team_id)
    INSERT INTO audit_entries (actor, verb, subject, team_id, details, on_behalf_of)
    SELECT p_actor, 'claim', p_key, c.team_id, '{}'::jsonb, p_on_behalf_of FROM claimed c
    RETURNING audit_entries.team_id INTO changed_team;
    COMMIT;
END
$$;

-- As finish_action of 0003, with `p_on_behalf_of`; a manager's (`p_handle` NULL) ending of a claim
-- is recorded on behalf of the claimant, read under the row's lock so that it is the claim ended.
CREATE PROCEDURE finish_action(
    p_status text, p_key text, p_allowed text[], p_handle text, p_actor text, p_verb text, p_on_behalf_of text,
    INOUT changed_team bigint DEFAULT NULL)
LANGUAGE plpgsql AS $$
DECLARE
    v_claimed_by bigint;
BEGIN
    IF p_handle IS NULL AND p_on_behalf_of IS NULL THEN
        SELECT claimed_by INTO v_claimed_by FROM actions WHERE key = p_key FOR UPDATE;
        SELECT handle INTO p_on_behalf_of FROM engineers WHERE id = v_claimed_by;
    END IF;
    WITH changed AS (
        UPDATE actions SET status = p_status, claimed_by = NULL, claimed_at = NULL,
            version = version + 1, updated_at = now()
        WHERE key = p_key AND status = ANY (p_allowed)
            AND (p_handle IS NULL OR claimed_by = (SELECT id FROM engineers WHERE handle = p_handle))
        RETURNING team_id)
    INSERT INTO audit_entries (actor, verb, subject, team_id, details, on_behalf_of)
    SELECT p_actor, p_verb, p_key, c.team_id, '{}'::jsonb, p_on_behalf_of FROM changed c
    RETURNING audit_entries.team_id INTO changed_team;
    COMMIT;
END
$$;

-- The procedures of 0003 stay, so that a server of the previous release, serving the same database
-- during an upgrade, keeps working; they record no `on_behalf_of`.
