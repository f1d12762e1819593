-- The run's transaction: no JIT compilation. The transforms and checks are a few large statements; compiling each took 100 to
-- 200 ms and saved less.
set local jit = off
