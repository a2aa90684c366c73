-- Teams and engineers come and go (issue #15).
--
-- A team is archived (hidden from listings and defaults, every row kept) or deleted (only when it
-- has no incidents, or when it is the demo's: `firebreak demo` marks the team it creates). An
-- engineer is deactivated: kept, with their history, but out of the listings and out of capacity.

ALTER TABLE teams
    ADD COLUMN archived_at timestamptz,
    ADD COLUMN demo boolean NOT NULL DEFAULT false;

-- The demo's team of an earlier release is the team the demo created.
UPDATE teams t SET demo = true
WHERE EXISTS (
    SELECT 1 FROM audit_entries a WHERE a.verb = 'team.create' AND a.actor = 'demo' AND a.subject = t.key);

ALTER TABLE engineers ADD COLUMN deactivated_at timestamptz;

-- A deleted team's audit entries stay: they lose the team's id, never the entry (each names its
-- subject, and the deletion's own entry names the team).
ALTER TABLE audit_entries
    DROP CONSTRAINT audit_entries_team_id_fkey,
    ADD CONSTRAINT audit_entries_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL;

-- A stored plan is still never changed, and removed only with its team: the deleting transaction
-- names the team in `firebreak.deleting_team` (set_config(..., true), so it ends with the transaction).
CREATE OR REPLACE FUNCTION plans_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('firebreak.deleting_team', true) = OLD.team_id::text THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'plan % of team % is immutable; generate a new plan instead', OLD.number, OLD.team_id
        USING ERRCODE = 'check_violation';
END
$$;

-- A deactivated engineer holds no claim and takes none: the claim counter (0002) raises their count
-- on every claim, which this refuses.
ALTER TABLE engineers ADD CONSTRAINT engineers_deactivated_hold_nothing
    CHECK (deactivated_at IS NULL OR open_claims = 0);
