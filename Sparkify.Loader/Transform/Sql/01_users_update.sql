-- users: one row per user who played a song (a NextSong event), carrying the name, gender and
-- level of that user's latest NextSong event (latest by ts, then item_in_session).
-- This statement refreshes users already in the table; 02_users_insert.sql adds new ones.
-- Two statements because Redshift has no ON CONFLICT and its MERGE takes only a table as source.
update users
set first_name = latest.first_name,
    last_name = latest.last_name,
    gender = latest.gender,
    level = latest.level
from (
    select user_id, first_name, last_name, gender, level
    from (
        select
            cast(user_id as integer) as user_id,
            first_name,
            last_name,
            gender,
            level,
            row_number() over (partition by user_id order by ts desc, item_in_session desc) as recency
        from staging_events
        where page = 'NextSong' and user_id <> ''
    ) as ranked
    where recency = 1
) as latest
where users.user_id = latest.user_id
