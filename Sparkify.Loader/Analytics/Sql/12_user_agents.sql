-- user_agents: one row per distinct user_agent of the plays, for the classifier to name its device and
-- browser (UserAgentClassifier.cs); there are far fewer agents than plays.
-- Question: which user agents play songs?
select distinct coalesce(user_agent, '') as user_agent
from songplays
