-- play_classes: one row per distinct NextSong event (by start time, user and session, as songplays knows an event, so
-- an event staged twice is one row), with its class: how near the catalogue (the staged songs) came to its song.
--   1 matched: a song has its title, artist name and duration, the fact's rule (Transform/Sql/20_play_changes.sql);
--   2 duration differs: a song has its title and artist name, none also its duration;
--   3 other artist: a song has its title, none under its artist name;
--   4 not in the catalogue: no song has its title.
-- Every staged NextSong event has a user, song, artist and length (staging refuses one without); the user filter is
-- song_match's, so the classes sum to its figure. An event staged in copies that differ takes its best copy's class and
-- logged song, so class 1 counts exactly the events songplays holds. The catalogue is joined as distinct keys: one row
-- per event copy, however many songs share a title.
-- Question: how near did the catalogue come to each NextSong event's song? (The next two queries count and show it.)
create temp table play_classes as
select ts, user_id, session_id, song, artist, length, play_class
from (
    select
        ts,
        user_id,
        session_id,
        song,
        artist,
        length,
        play_class,
        row_number() over (
            partition by ts, user_id, session_id
            order by play_class, item_in_session, song, artist, length
        ) as copy_number
    from (
        select
            events.ts,
            events.user_id,
            events.session_id,
            events.item_in_session,
            events.song,
            events.artist,
            events.length,
            case
                when same_song.title is not null then 1
                when same_artist.title is not null then 2
                when same_title.title is not null then 3
                else 4
            end as play_class
        from staging_events as events
        left join (select distinct title, artist_name, duration from staging_songs) as same_song
            on same_song.title = events.song
            and same_song.artist_name = events.artist
            and same_song.duration = events.length
        left join (select distinct title, artist_name from staging_songs) as same_artist
            on same_artist.title = events.song
            and same_artist.artist_name = events.artist
        left join (select distinct title from staging_songs) as same_title
            on same_title.title = events.song
        where events.page = 'NextSong'
            and events.user_id <> ''
    ) as event_copies
) as ranked_copies
where copy_number = 1
