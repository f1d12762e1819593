-- user_changes, artist_changes, song_changes, play_changes, level_users, rebuilt_plays, level_changes: the run's rule
-- tables, and the replaced rows and what they built (replaced_staging_events, replaced_staging_songs, replaced_plays,
-- replaced_users), dropped once the data checks have read them, inside the run's transaction (a failed run's go with its
-- rollback), so that the next run on this session starts afresh.
drop table user_changes, artist_changes, song_changes, play_changes, level_users, rebuilt_plays, level_changes,
    replaced_staging_events, replaced_staging_songs, replaced_plays, replaced_users
