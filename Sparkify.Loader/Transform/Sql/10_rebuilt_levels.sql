-- user_levels: the periods of rebuilt users (08_level_users.sql) go; 11_level_changes.sql states them again from every
-- play staged for them.
delete from user_levels
where user_id in (select user_id from level_users where rebuilt = 1)
