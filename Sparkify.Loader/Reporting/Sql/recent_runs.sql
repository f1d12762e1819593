-- load_runs: one row per run, the latest first, at most @last of them, with the rows each table gained in
-- the run: its count after the run less its count after the previous succeeded run. Null for a run that has
-- not succeeded (failed, interrupted, abandoned, running): it records no counts, its changes rolled back or not yet committed.
-- Row numbers rather than a limit: the count is a parameter, which a where clause takes on both engines
-- (Redshift's documentation does not say that LIMIT does).
with table_changes as (
    select
        run_id,
        staging_events_rows - coalesce(lag(staging_events_rows) over (order by started_at, run_id), 0) as staging_events_added,
        staging_songs_rows - coalesce(lag(staging_songs_rows) over (order by started_at, run_id), 0) as staging_songs_added,
        songs_rows - coalesce(lag(songs_rows) over (order by started_at, run_id), 0) as songs_added,
        artists_rows - coalesce(lag(artists_rows) over (order by started_at, run_id), 0) as artists_added,
        users_rows - coalesce(lag(users_rows) over (order by started_at, run_id), 0) as users_added,
        user_levels_rows - coalesce(lag(user_levels_rows) over (order by started_at, run_id), 0) as user_levels_added,
        songplays_rows - coalesce(lag(songplays_rows) over (order by started_at, run_id), 0) as songplays_added,
        time_rows - coalesce(lag(time_rows) over (order by started_at, run_id), 0) as time_added
    from load_runs
    where outcome = 'succeeded'
),

numbered_runs as (
    select
        run_id,
        started_at,
        finished_at,
        source,
        files,
        errors,
        outcome,
        message,
        row_number() over (order by started_at desc, run_id desc) as recency
    from load_runs
)

select
    runs.run_id,
    runs.started_at,
    runs.finished_at,
    runs.source,
    runs.files,
    changes.staging_events_added,
    changes.staging_songs_added,
    changes.songs_added,
    changes.artists_added,
    changes.users_added,
    changes.user_levels_added,
    changes.songplays_added,
    changes.time_added,
    runs.errors,
    runs.outcome,
    runs.message
from numbered_runs as runs
left join table_changes as changes on changes.run_id = runs.run_id
where runs.recency <= @last
order by runs.recency
