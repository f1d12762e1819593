-- songs: a song of a replaced song file is undone; 18_song_changes.sql chooses it again from every staged copy left.
delete from songs
where song_id in (select song_id from replaced_staging_songs)
