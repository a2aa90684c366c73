-- Each engineer's count of claimed items, kept by a trigger on actions, so that a claim is one
-- statement. The trigger raises the count under the engineer's row lock, with the WIP limit in
-- the UPDATE's condition: PostgreSQL re-checks that condition on the newest row once the lock is
-- its own, so two claims by one engineer at once cannot both pass a stale count.
ALTER TABLE engineers ADD COLUMN open_claims integer NOT NULL DEFAULT 0 CHECK (open_claims >= 0);

UPDATE engineers e SET open_claims = (SELECT count(*) FROM actions a WHERE a.claimed_by = e.id);

CREATE FUNCTION actions_count_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.claimed_by IS NOT NULL
        AND (TG_OP = 'DELETE' OR NEW.claimed_by IS DISTINCT FROM OLD.claimed_by) THEN
        UPDATE engineers SET open_claims = open_claims - 1 WHERE id = OLD.claimed_by;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.claimed_by IS NOT NULL
        AND (TG_OP = 'INSERT' OR NEW.claimed_by IS DISTINCT FROM OLD.claimed_by) THEN
        UPDATE engineers e SET open_claims = e.open_claims + 1
        WHERE e.id = NEW.claimed_by AND e.open_claims < (SELECT t.wip_limit FROM teams t WHERE t.id = e.team_id);
        IF NOT FOUND THEN
            RAISE EXCEPTION 'engineer % is at the team''s WIP limit', NEW.claimed_by USING ERRCODE = 'FB001';
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER actions_count_claims AFTER INSERT OR DELETE OR UPDATE OF claimed_by ON actions
    FOR EACH ROW EXECUTE FUNCTION actions_count_claims();
