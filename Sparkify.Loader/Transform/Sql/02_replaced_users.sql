-- replaced_users: the users whose latest play (14_user_changes.sql's rule) is a replaced event, to be undone and rebuilt
-- from every play staging now holds for them. A replaced play older than a user's latest changes nothing.
create temp table replaced_users as
select distinct users.user_id
from users
inner join (
    select
        cast(user_id as integer) as user_id,
        timestamp 'epoch' + ts * interval '1 millisecond' as played_at
    from replaced_staging_events
    where page = 'NextSong' and user_id <> ''
) as replaced
    on replaced.user_id = users.user_id
    and replaced.played_at = users.last_played_at
