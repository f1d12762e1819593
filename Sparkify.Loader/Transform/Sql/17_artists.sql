-- artists: one row per artist_id, chosen as 16_artist_changes.sql says.
merge into artists
using artist_changes as changes
on artists.artist_id = changes.artist_id
when matched then update set
    name = changes.name,
    location = changes.location,
    latitude = changes.latitude,
    longitude = changes.longitude,
    run_id = @run_id
when not matched then insert (artist_id, name, location, latitude, longitude, run_id)
values (changes.artist_id, changes.name, changes.location, changes.latitude, changes.longitude, @run_id)
