-- The run's transaction: a small statistics sample for its ANALYZEs (3,000 rows); it plans as well as the default's 30,000.
set local default_statistics_target = 10
