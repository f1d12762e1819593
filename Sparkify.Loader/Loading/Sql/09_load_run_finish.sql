-- load_runs: how the run ended, and the rows each table holds after it.
update load_runs
set finished_at = @finished_at,
    files = @files,
    staging_events_rows = @staging_events_rows,
    staging_songs_rows = @staging_songs_rows,
    songplays_rows = @songplays_rows,
    users_rows = @users_rows,
    user_levels_rows = @user_levels_rows,
    songs_rows = @songs_rows,
    artists_rows = @artists_rows,
    time_rows = @time_rows,
    errors = @errors,
    outcome = @outcome,
    message = @message
where run_id = @run_id
