-- songplays: one row per NextSong event that matches a song on exact title, artist name and
-- duration. When several songs match one event, the lowest song_id wins, so an event never
-- fans out into several rows. An event already loaded, known by (start_time, user_id,
-- session_id), is not inserted again.
insert into songplays (start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
select start_time, user_id, level, song_id, artist_id, session_id, location, user_agent
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
        row_number() over (
            partition by events.ts, events.user_id, events.session_id, events.item_in_session
            order by songs.song_id
        ) as match_number
    from staging_events as events
    inner join staging_songs as songs
        on events.song = songs.title
        and events.artist = songs.artist_name
        and events.length = songs.duration
    where events.page = 'NextSong' and events.user_id <> ''
) as plays
where match_number = 1
    and not exists (
        select 1
        from songplays
        where songplays.start_time = plays.start_time
            and songplays.user_id = plays.user_id
            and songplays.session_id = plays.session_id
    )
