-- replaced_staging_songs: the staged rows of songs files that changed since they were staged, which staging moves here
-- (replaced_rows_staging_songs.sql) as it stages their new content, for the transforms to undo what they built. Made at
-- the start of every run, empty, so the transforms read it alike on a run that replaced nothing and on an engine that
-- never replaces (Redshift, whose COPY leaves rows without their file). https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html
create temp table replaced_staging_songs (like staging_songs)
