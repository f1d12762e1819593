-- user_levels: one user's periods follow each other, each ending where the next starts, at another level, with only the
-- last one open. Returns each period of a user the run wrote periods for that breaks it, with the next period's start and
-- level.
select periods.user_id, periods.level, periods.valid_from, periods.valid_to, periods.next_from, periods.next_level
from (
    select
        user_id,
        level,
        valid_from,
        valid_to,
        lead(valid_from) over (partition by user_id order by valid_from) as next_from,
        lead(level) over (partition by user_id order by valid_from) as next_level
    from user_levels
    where user_id in (select user_id from user_levels where @run_id is null or run_id = @run_id)
) as periods
where (periods.valid_to is null and periods.next_from is not null)
    or (periods.valid_to is not null and (periods.next_from is null or periods.valid_to <> periods.next_from))
    or periods.valid_to <= periods.valid_from
    or periods.level = periods.next_level
