-- time: one row per distinct songplays.start_time, with its parts (week is the ISO week,
-- weekday 0 = Sunday). It is filled before songplays, whose start_time references it, from the
-- same match of events to songs that 06_songplays.sql uses.
-- ts is epoch milliseconds; 'epoch' plus an interval is the form both PostgreSQL and Redshift know.
insert into time (start_time, hour, day, week, month, year, weekday)
select
    start_time,
    cast(extract(hour from start_time) as integer),
    cast(extract(day from start_time) as integer),
    cast(extract(week from start_time) as integer),
    cast(extract(month from start_time) as integer),
    cast(extract(year from start_time) as integer),
    cast(extract(dow from start_time) as integer)
from (
    select distinct timestamp 'epoch' + events.ts * interval '1 millisecond' as start_time
    from staging_events as events
    inner join staging_songs as songs
        on events.song = songs.title
        and events.artist = songs.artist_name
        and events.length = songs.duration
    where events.page = 'NextSong'
) as play_times
where not exists (select 1 from time where time.start_time = play_times.start_time)
