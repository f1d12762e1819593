-- user_changes, artist_changes, song_changes, play_changes: the run's rule tables, dropped once the data checks
-- have read them, inside the run's transaction (a failed run's go with its rollback), so that the next run on
-- this session starts afresh.
drop table user_changes, artist_changes, song_changes, play_changes
