-- users: a user whose latest play was replaced is undone (02_replaced_users.sql); 14_user_changes.sql rebuilds them from
-- every play staging holds for them, and a user left without a play stays gone.
delete from users
where user_id in (select user_id from replaced_users)
