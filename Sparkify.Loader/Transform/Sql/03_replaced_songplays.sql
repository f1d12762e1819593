-- songplays: the plays replaced staged rows built are undone (01_replaced_plays.sql); 20_play_changes.sql matches their
-- events again from what staging now holds.
delete from songplays
where exists (select 1 from replaced_plays)
    and exists (
        select 1
        from replaced_plays
        where replaced_plays.start_time = songplays.start_time
            and replaced_plays.user_id = songplays.user_id
            and replaced_plays.session_id = songplays.session_id
    )
