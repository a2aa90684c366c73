-- Jira's labels, components and sprints on an action (issue #12): a Jira CSV import keeps them,
-- `action show` and the API show them, and the Jira CSV export writes them back, so that a round
-- trip through Jira loses none of them.
--
-- Arrays on the action rather than tables of their own: they belong to one action, are read and
-- written whole with it, keep the order Jira wrote them in (a sprint list is the issue's history,
-- oldest first), and no query finds actions by them. `components` holds names as Jira writes them;
-- it does not refer to the `components` table (the affected functionality of incidents), whose
-- rows need an owning team that a Jira component does not name.
--
-- No element is NULL or empty: an empty cell of Jira's export is no value, and the reader drops it.

ALTER TABLE actions
    ADD COLUMN labels text[] NOT NULL DEFAULT '{}'
        CONSTRAINT actions_labels_check
            CHECK (array_position(labels, NULL) IS NULL AND array_position(labels, '') IS NULL),
    ADD COLUMN components text[] NOT NULL DEFAULT '{}'
        CONSTRAINT actions_components_check
            CHECK (array_position(components, NULL) IS NULL AND array_position(components, '') IS NULL),
    ADD COLUMN sprints text[] NOT NULL DEFAULT '{}'
        CONSTRAINT actions_sprints_check
            CHECK (array_position(sprints, NULL) IS NULL AND array_position(sprints, '') IS NULL);
