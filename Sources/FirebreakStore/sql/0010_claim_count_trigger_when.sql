-- The claim counter (0002) ran its function for every row written to actions, though only a row
-- whose claimant comes or goes changes a count. The same function now runs only for those rows:
-- importing 100,000 Jira issues no longer calls it 100,000 times for nothing. Each event gets its own
-- trigger, because a trigger's WHEN cannot name OLD on INSERT or NEW on DELETE.
DROP TRIGGER actions_count_claims ON actions;

CREATE TRIGGER actions_count_claims_insert AFTER INSERT ON actions
    FOR EACH ROW WHEN (NEW.claimed_by IS NOT NULL) EXECUTE FUNCTION actions_count_claims();
CREATE TRIGGER actions_count_claims_update AFTER UPDATE OF claimed_by ON actions
    FOR EACH ROW WHEN (NEW.claimed_by IS DISTINCT FROM OLD.claimed_by) EXECUTE FUNCTION actions_count_claims();
CREATE TRIGGER actions_count_claims_delete AFTER DELETE ON actions
    FOR EACH ROW WHEN (OLD.claimed_by IS NOT NULL) EXECUTE FUNCTION actions_count_claims();
