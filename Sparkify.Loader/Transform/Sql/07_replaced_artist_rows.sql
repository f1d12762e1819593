-- artists: an artist of a replaced song file is undone; 16_artist_changes.sql chooses it again from every staged song left.
delete from artists
where artist_id in (select artist_id from replaced_staging_songs)
