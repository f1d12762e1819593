-- play_class_counts: one row per class of play_classes with at least one event (the report adds the empty ones as 0).
-- Question: of the NextSong events, how many found their song, and why did the others not?
select play_class, count(*) as events
from play_classes
group by play_class
order by play_class
