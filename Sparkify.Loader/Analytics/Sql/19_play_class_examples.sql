-- play_class_examples: one row per logged song (title, artist and length as the events give them) among the five with
-- the most events in each class, the most first (ties by title, artist, length), with the catalogue's nearest song:
-- for classes 1 and 2 the song of the same title and artist whose duration is closest, for class 3 the song of the same
-- title whose duration is closest (ties by artist name, then song_id, as the fact's lowest song_id); class 4 has none.
-- Question: which songs did the events ask for, class by class, and what did the catalogue hold instead?
with logged_songs as (
    select play_class, song, artist, length, count(*) as events
    from play_classes
    group by play_class, song, artist, length
),

examples as (
    select play_class, song, artist, length, events
    from (
        select
            play_class,
            song,
            artist,
            length,
            events,
            row_number() over (partition by play_class order by events desc, song, artist, length) as example_number
        from logged_songs
    ) as ranked_songs
    where example_number <= 5
),

nearest_songs as (
    select
        examples.play_class,
        examples.song,
        examples.artist,
        examples.length,
        examples.events,
        songs.song_id,
        songs.artist_name,
        songs.duration,
        row_number() over (
            partition by examples.play_class, examples.song, examples.artist, examples.length
            order by abs(songs.duration - examples.length), songs.artist_name, songs.song_id
        ) as nearness
    from examples
    left join staging_songs as songs
        on songs.title = examples.song
        and examples.play_class < 4
        and (examples.play_class = 3 or songs.artist_name = examples.artist)
)

select
    play_class,
    song,
    artist,
    length,
    events,
    song_id as nearest_song_id,
    artist_name as nearest_artist,
    duration as nearest_duration
from nearest_songs
where nearness = 1
order by play_class, events desc, song, artist, length
