-- Firebreak's domain (DESIGN.md section 2): teams and their people, outage
-- reports, the preventative actions they produced, and what is planned.
-- Constraints live here, not only in Swift.

CREATE TABLE teams (
    id                  bigserial PRIMARY KEY,
    key                 text NOT NULL UNIQUE CHECK (key ~ '^[A-Z][A-Z0-9_]{0,19}$'),
    name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Calendar and cadence (DESIGN.md section 5).
    sprint_length_days  integer NOT NULL DEFAULT 14 CHECK (sprint_length_days BETWEEN 1 AND 366),
    sprint_one_starts   date NOT NULL DEFAULT DATE '2026-01-05',
    improvement_every   integer NOT NULL DEFAULT 4 CHECK (improvement_every >= 0),
    backlog_share       double precision NOT NULL DEFAULT 10 CHECK (backlog_share >= 0 AND backlog_share <= 100),
    budget_cost         double precision CHECK (budget_cost >= 0),
    budget_days         integer CHECK (budget_days > 0),
    -- Scoring weights (DESIGN.md section 4).
    ticket_weight       double precision NOT NULL DEFAULT 2.0 CHECK (ticket_weight >= 0),
    customer_multiplier double precision NOT NULL DEFAULT 1.5 CHECK (customer_multiplier >= 0),
    half_life_days      double precision NOT NULL DEFAULT 180 CHECK (half_life_days > 0),
    default_estimate    double precision NOT NULL DEFAULT 3 CHECK (default_estimate > 0),
    wip_limit           integer NOT NULL DEFAULT 2 CHECK (wip_limit >= 1),
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((budget_cost IS NULL) = (budget_days IS NULL))
);

CREATE TABLE engineers (
    id           bigserial PRIMARY KEY,
    handle       text NOT NULL UNIQUE CHECK (handle ~ '^[a-z0-9][a-z0-9._-]{0,38}$'),
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    email        text CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    team_id      bigint NOT NULL REFERENCES teams (id),
    capacity     double precision NOT NULL DEFAULT 8 CHECK (capacity >= 0),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engineers_team ON engineers (team_id);

CREATE TABLE time_off (
    id          bigserial PRIMARY KEY,
    engineer_id bigint NOT NULL REFERENCES engineers (id) ON DELETE CASCADE,
    starts_on   date NOT NULL,
    ends_on     date NOT NULL,
    CHECK (ends_on >= starts_on),
    UNIQUE (engineer_id, starts_on, ends_on)
);

CREATE TABLE components (
    id      bigserial PRIMARY KEY,
    name    text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    team_id bigint REFERENCES teams (id)
);
CREATE UNIQUE INDEX components_name ON components (lower(name));

CREATE TABLE categories (
    key     text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9-]{0,39}$'),
    name    text NOT NULL,
    team_id bigint REFERENCES teams (id)
);
INSERT INTO categories (key, name) VALUES
    ('deploy', 'Automation and deployment procedures'),
    ('build', 'Build process and speed to deploy'),
    ('monitoring', 'Missing monitors and alerts'),
    ('capacity', 'Components that struggle with traffic volume'),
    ('dependencies', 'Outdated libraries, memory leaks');

-- Assigned keys (INC-<n>, ACT-<n>): the counter only grows, and explicit keys
-- of the same shape push it past themselves, so an assigned key never collides.
CREATE TABLE key_counters (
    prefix text PRIMARY KEY,
    last   bigint NOT NULL CHECK (last >= 0)
);
INSERT INTO key_counters (prefix, last) VALUES ('INC', 0), ('ACT', 0);

CREATE TABLE incidents (
    id             bigserial PRIMARY KEY,
    key            text NOT NULL UNIQUE CHECK (key ~ '^[A-Za-z][A-Za-z0-9-]{0,39}$'),
    title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description    text NOT NULL DEFAULT '',
    started_at     timestamptz,
    outage_minutes integer CHECK (outage_minutes >= 0),
    severity       smallint CHECK (severity BETWEEN 1 AND 4),
    detected_by    text NOT NULL DEFAULT 'unknown' CHECK (detected_by IN ('alert', 'customer', 'staff', 'unknown')),
    tickets        integer CHECK (tickets >= 0),
    explanation    text NOT NULL DEFAULT '',
    investigations text NOT NULL DEFAULT '',
    status         text NOT NULL CHECK (status IN ('draft', 'published')),
    team_id        bigint NOT NULL REFERENCES teams (id),
    source         text,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- A published report states every number that scoring needs.
    CHECK (status = 'draft' OR (started_at IS NOT NULL AND outage_minutes IS NOT NULL
                                AND severity IS NOT NULL AND tickets IS NOT NULL))
);
CREATE INDEX incidents_team_started ON incidents (team_id, started_at);

CREATE TABLE incident_components (
    incident_id  bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    component_id bigint NOT NULL REFERENCES components (id),
    position     integer NOT NULL,
    PRIMARY KEY (incident_id, component_id)
);

CREATE TABLE incident_categories (
    incident_id  bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    category_key text NOT NULL REFERENCES categories (key),
    position     integer NOT NULL,
    PRIMARY KEY (incident_id, category_key)
);

CREATE TABLE actions (
    id           bigserial PRIMARY KEY,
    key          text NOT NULL UNIQUE CHECK (key ~ '^[A-Za-z][A-Za-z0-9-]{0,39}$'),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description  text NOT NULL DEFAULT '',
    kind         text NOT NULL DEFAULT 'prevent' CHECK (kind IN ('detect', 'prevent', 'mitigate', 'process')),
    category_key text REFERENCES categories (key),
    estimate     double precision CHECK (estimate > 0 AND estimate <= 1000),
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'done', 'wontfix')),
    claimed_by   bigint REFERENCES engineers (id),
    claimed_at   timestamptz,
    owner        text,
    due_on       date,
    external_key text UNIQUE,
    team_id      bigint NOT NULL REFERENCES teams (id),
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- A claimed item has exactly one claimant; no other status has one.
    CHECK ((status = 'claimed') = (claimed_by IS NOT NULL))
);
CREATE INDEX actions_team_status ON actions (team_id, status);
CREATE INDEX actions_claimed_by ON actions (claimed_by) WHERE claimed_by IS NOT NULL;

CREATE TABLE action_incidents (
    action_id   bigint NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    incident_id bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    coverage    double precision NOT NULL DEFAULT 1 CHECK (coverage > 0 AND coverage <= 1),
    position    integer NOT NULL DEFAULT 0,
    PRIMARY KEY (action_id, incident_id)
);
CREATE INDEX action_incidents_incident ON action_incidents (incident_id);

CREATE TABLE action_dependencies (
    action_id     bigint NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    depends_on_id bigint NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, depends_on_id),
    CHECK (action_id <> depends_on_id)
);

CREATE TABLE plans (
    id         bigserial PRIMARY KEY,
    team_id    bigint NOT NULL REFERENCES teams (id),
    number     integer NOT NULL CHECK (number >= 1),
    as_of      timestamptz NOT NULL,
    parameters jsonb NOT NULL,
    body       jsonb NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, number)
);

-- A stored plan is a snapshot: it is never changed or removed.
CREATE FUNCTION plans_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'plan % of team % is immutable; generate a new plan instead', OLD.number, OLD.team_id
        USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER plans_immutable BEFORE UPDATE OR DELETE ON plans
    FOR EACH ROW EXECUTE FUNCTION plans_are_immutable();

CREATE TABLE audit_entries (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text NOT NULL,
    verb    text NOT NULL,
    subject text NOT NULL,
    team_id bigint REFERENCES teams (id),
    details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_entries_subject ON audit_entries (subject, at);

CREATE TABLE api_tokens (
    id           bigserial PRIMARY KEY,
    name         text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    role         text NOT NULL CHECK (role IN ('viewer', 'engineer', 'manager')),
    engineer_id  bigint REFERENCES engineers (id),
    -- SHA-256 of the token; the token itself is shown once and never stored.
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CHECK (role <> 'engineer' OR engineer_id IS NOT NULL)
);
