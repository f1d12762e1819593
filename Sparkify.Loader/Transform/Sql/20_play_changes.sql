-- play_changes: one row per play that songplays lacks, or holds with a higher song_id, among the NextSong
-- events this run's staged events or songs let match: the event-to-song match, stated once.
-- A play is a NextSong event with a user whose song, artist name (as spelled in the song file) and
-- duration equal a staged song's title, artist_name and duration. An event is known by its start time,
-- user and session; when several songs match one, the lowest song_id wins, so an event never fans out
-- and any order of loading picks alike. Events of earlier runs are read only when this run staged songs,
-- which they may now match: a song file that arrives after the plays of its song still produces them.
-- Events of earlier runs whose play was undone (01_replaced_plays.sql) are matched again with every song.
create temp table play_changes as
select start_time, user_id, level, song_id, artist_id, session_id, location, user_agent, page
from (
    select
        timestamp 'epoch' + events.ts * interval '1 millisecond' as start_time,
        cast(events.user_id as integer) as user_id,
        events.level,
        songs.song_id,
        songs.artist_id,
        events.session_id,
        events.location,
        events.user_agent,
        events.page, -- always NextSong here, which a data check proves of every run
        row_number() over (
            partition by events.ts, events.user_id, events.session_id
            order by songs.song_id, events.item_in_session, events.level, events.location, events.user_agent
        ) as match_number
    from (
        -- with any song: this run's events, and earlier ones whose play was undone
        select ts, user_id, session_id, item_in_session, level, location, user_agent, page, song, artist, length,
            1 as with_any_song
        from staging_events
        where run_id = @run_id
        union all
        -- A replaced event's user is rebuilt (08_level_users.sql), and rebuilt_plays holds every play of theirs: the plays
        -- a corrected day undid are found there, not in all of staging.
        select ts, user_id, session_id, item_in_session, level, location, user_agent, page, song, artist, length,
            1 as with_any_song
        from rebuilt_plays as earlier
        where run_id <> @run_id
            and exists (
                select 1
                from replaced_plays
                where replaced_plays.start_time = timestamp 'epoch' + earlier.ts * interval '1 millisecond'
                    and cast(replaced_plays.user_id as varchar(32)) = earlier.user_id
                    and replaced_plays.session_id = earlier.session_id
            )
        union all
        -- The rest were undone because their song was replaced, and their users may be anyone's: read from staging.
        select ts, user_id, session_id, item_in_session, level, location, user_agent, page, song, artist, length,
            1 as with_any_song
        from staging_events as earlier
        where run_id <> @run_id
            and exists (
                select 1 from replaced_plays where user_id not in (select user_id from level_users where rebuilt = 1)
            )
            -- a bound that lets the BRIN index on ts skip every other day's rows: those plays' first and last start,
            -- widened by a second for date_part's floating point
            and ts >= (select cast(date_part('epoch', min(start_time)) * 1000 as bigint) - 1000 from replaced_plays
                where user_id not in (select user_id from level_users where rebuilt = 1))
            and ts <= (select cast(date_part('epoch', max(start_time)) * 1000 as bigint) + 1000 from replaced_plays
                where user_id not in (select user_id from level_users where rebuilt = 1))
            and exists (
                select 1
                from replaced_plays
                where replaced_plays.start_time = timestamp 'epoch' + earlier.ts * interval '1 millisecond'
                    and cast(replaced_plays.user_id as varchar(32)) = earlier.user_id
                    and replaced_plays.session_id = earlier.session_id
            )
        union all
        -- with this run's songs only: every earlier event (one whose play was undone comes again, harmlessly: the copies
        -- above meet every song this one meets, and the lowest song_id wins alike). "Other than this run" as two ranges, so
        -- that on a first load, when staging holds no other run's event, the run index finds none at once instead of a
        -- scan of every event finding none.
        select ts, user_id, session_id, item_in_session, level, location, user_agent, page, song, artist, length,
            0 as with_any_song
        from staging_events
        where (run_id < @run_id or run_id > @run_id)
            and exists (select 1 from staging_songs where run_id = @run_id)
    ) as events
    inner join staging_songs as songs
        on events.song = songs.title
        and events.artist = songs.artist_name
        and events.length = songs.duration
    where events.page = 'NextSong'
        and events.user_id <> ''
        and (events.with_any_song = 1 or songs.run_id = @run_id)
) as matches
where match_number = 1
    and not exists (
        select 1
        from songplays
        where songplays.start_time = matches.start_time
            and songplays.user_id = matches.user_id
            and songplays.session_id = matches.session_id
            and songplays.song_id <= matches.song_id
    )
