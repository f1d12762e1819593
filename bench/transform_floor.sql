-- The transform floor: what the database alone takes to compute the star rows from staged rows. Plain
-- SELECTs into unconstrained temporary tables (no keys, no indexes, no checks, no write-ahead log), in one
-- transaction, after the same small-sample ANALYZE of staging the loader runs. Written once by hand and
-- kept fixed, so the floor stays put while the loader's transforms change; bench/run checks that every
-- table here has as many rows as the loader's star table of the same name.
begin;

-- JIT off as in the loader's transaction, so the ratio compares like with like.
set local jit = off;
set local default_statistics_target = 10;
analyze staging_events;
analyze staging_songs;

-- floor_users: one row per user with a NextSong play, holding the name, gender and level of the latest
-- play (by ts, then session_id, then item_in_session).
create temp table floor_users as
select distinct on (user_id)
    cast(user_id as integer) as user_id,
    first_name,
    last_name,
    gender,
    level,
    timestamp 'epoch' + ts * interval '1 millisecond' as last_played_at
from staging_events
where page = 'NextSong' and user_id <> ''
order by user_id, ts desc, session_id desc, item_in_session desc;

-- floor_artists: one row per artist_id, preferring a staged song that gives a location, then the lowest song_id.
create temp table floor_artists as
select distinct on (artist_id)
    artist_id,
    artist_name as name,
    artist_location as location,
    artist_latitude as latitude,
    artist_longitude as longitude
from staging_songs
where artist_id is not null
order by artist_id, artist_location is null or artist_location = '', song_id;

-- floor_songs: one row per song_id that has an artist, the copy with the lowest artist_id.
create temp table floor_songs as
select distinct on (song_id)
    song_id,
    title,
    artist_id,
    year,
    duration
from staging_songs
where artist_id is not null
order by song_id, artist_id;

-- floor_songplays: one row per NextSong event with a user (known by ts, user and session) whose song,
-- artist and length equal a staged song's title, artist_name and duration; the lowest song_id wins.
create temp table floor_songplays as
select distinct on (events.ts, events.user_id, events.session_id)
    timestamp 'epoch' + events.ts * interval '1 millisecond' as start_time,
    cast(events.user_id as integer) as user_id,
    events.level,
    songs.song_id,
    songs.artist_id,
    events.session_id,
    events.location,
    events.user_agent
from staging_events as events
inner join staging_songs as songs
    on songs.title = events.song
    and songs.artist_name = events.artist
    and songs.duration = events.length
where events.page = 'NextSong' and events.user_id <> ''
order by events.ts, events.user_id, events.session_id, songs.song_id;

-- floor_time: one row per distinct start time of those plays, with its parts (ISO week, weekday 0 = Sunday).
create temp table floor_time as
select
    start_time,
    cast(date_part('hour', start_time) as integer) as hour,
    cast(date_part('day', start_time) as integer) as day,
    cast(date_part('week', start_time) as integer) as week,
    cast(date_part('month', start_time) as integer) as month,
    cast(date_part('year', start_time) as integer) as year,
    cast(date_part('dow', start_time) as integer) as weekday
from (select distinct start_time from floor_songplays) as play_times;

-- floor_user_levels: one row per user per period at one level: the user's NextSong plays in the same order
-- as floor_users, one per instant (the latest), a period starting at each play whose level differs from the
-- play before and ending where the next starts.
create temp table floor_user_levels as
select
    user_id,
    level,
    played_at as valid_from,
    lead(played_at) over (partition by user_id order by played_at) as valid_to
from (
    select
        user_id,
        level,
        played_at,
        lag(level) over (partition by user_id order by played_at) as previous_level
    from (
        select distinct on (user_id, ts)
            cast(user_id as integer) as user_id,
            level,
            timestamp 'epoch' + ts * interval '1 millisecond' as played_at
        from staging_events
        where page = 'NextSong' and user_id <> ''
        order by user_id, ts, session_id desc, item_in_session desc
    ) as plays
) as points
where previous_level is null or previous_level <> level;

commit;
