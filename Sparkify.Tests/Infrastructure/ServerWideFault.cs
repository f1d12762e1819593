namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// Tests that put the shared test server itself in a fault run alone, after the parallel ones. A tablespace's disk filled
/// on purpose leaves dirty pages the checkpointer cannot write, and every checkpoint fails until that database is dropped:
/// a DROP DATABASE of any other test running beside it (it waits on a checkpoint) then failed with "checkpoint request failed".
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerWideFault
{
    public const string Name = "faults of the shared server";
}
