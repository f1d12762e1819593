-- user_agent_classes: one row per distinct user_agent of the plays, with the device and browser the
-- classifier named; the report fills it, and the next queries group plays by it, so the users behind a
-- device are counted once however many agents they used.
create temp table user_agent_classes (
    user_agent varchar(512) not null,
    device varchar(64) not null,
    browser varchar(64) not null
)
