-- users: one row per user who played a song; see 01_users_update.sql for the rule.
-- Adds the users not yet in the table, from their latest NextSong event.
insert into users (user_id, first_name, last_name, gender, level)
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
    and not exists (select 1 from users where users.user_id = ranked.user_id)
