-- time: a start time left without a play once the replaced plays are undone goes; 22_time.sql adds it again if a rebuilt
-- play starts then.
delete from time
where exists (select 1 from replaced_plays)
    and time.start_time in (select start_time from replaced_plays)
    and not exists (select 1 from songplays where songplays.start_time = time.start_time)
