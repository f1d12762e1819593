-- user_changes, artist_changes, song_changes, play_changes: the run's rule tables, dropped inside its
-- transaction (a failed run's are rolled back with it), so the next run on this session starts afresh.
drop table user_changes, artist_changes, song_changes, play_changes
