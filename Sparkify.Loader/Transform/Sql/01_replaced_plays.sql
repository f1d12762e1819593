-- replaced_plays: the songplays that replaced staged rows built, to be undone and rebuilt by the rules below from what
-- staging now holds: the plays of replaced NextSong events (by the fact's key), and those matched to a replaced song.
-- Empty, and songplays not read, unless staging replaced a file.
create temp table replaced_plays as
select songplays.start_time, songplays.user_id, songplays.session_id
from songplays
where (exists (select 1 from replaced_staging_events) or exists (select 1 from replaced_staging_songs))
    and (
        exists (
            select 1
            from (
                select
                    timestamp 'epoch' + ts * interval '1 millisecond' as start_time,
                    cast(user_id as integer) as user_id,
                    session_id
                from replaced_staging_events
                where page = 'NextSong' and user_id <> ''
            ) as replaced
            where replaced.start_time = songplays.start_time
                and replaced.user_id = songplays.user_id
                and replaced.session_id = songplays.session_id
        )
        or songplays.song_id in (select song_id from replaced_staging_songs)
    )
