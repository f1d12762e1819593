-- play_changes: one row per play that songplays lacks, or holds with a higher song_id, among the NextSong
-- events this run's staged events or songs let match: the event-to-song match, stated once.
-- A play is a NextSong event with a user whose song, artist name (as spelled in the song file) and
-- duration equal a staged song's title, artist_name and duration. An event is known by its start time,
-- user and session; when several songs match one, the lowest song_id wins, so an event never fans out
-- and any order of loading picks alike. Events of earlier runs are read only when this run staged songs,
-- which they may now match: a song file that arrives after the plays of its song still produces them.
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
        select * from staging_events
        where run_id = @run_id
        union all
        select * from staging_events
        where run_id <> @run_id
            and exists (select 1 from staging_songs where run_id = @run_id)
    ) as events
    inner join staging_songs as songs
        on events.song = songs.title
        and events.artist = songs.artist_name
        and events.length = songs.duration
    where events.page = 'NextSong'
        and events.user_id <> ''
        and (events.run_id = @run_id or songs.run_id = @run_id)
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
