-- song_match: one row for the whole warehouse.
-- Question: of the NextSong events the app logged, how many found their song in the catalogue (and so
-- became plays)? Staging keeps every event ever staged with its run, so this holds after any number of
-- incremental runs; an event is known by its start time, user and session, as songplays knows it, so an
-- event staged twice counts once.
select
    (
        select count(*)
        from (
            select distinct ts, user_id, session_id
            from staging_events
            where page = 'NextSong' and user_id <> ''
        ) as next_song_events
    ) as next_song_events,
    (select count(*) from songplays) as matched
