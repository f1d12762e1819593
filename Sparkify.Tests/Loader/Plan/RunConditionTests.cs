using System.Reflection;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Loader.Plan;

/// <summary>
/// A statement's condition is code over the run's facts: the loader evaluates it and the plan prints words generated from it,
/// so that no description can be written beside the code and drift from it.
/// </summary>
public sealed class RunConditionTests
{
    [Fact]
    public void A_condition_says_in_words_what_its_code_tests()
    {
        Assert.Equal("only when this is a full reload (--full-reload)", RunCondition.Only(f => f.FullReload).Description);
        Assert.Equal("only when staging_events is staged afresh or staging_songs is staged afresh",
            RunCondition.Only(f => f.StagedAfresh("staging_events") || f.StagedAfresh("staging_songs")).Description);
        Assert.Equal("only when staging_songs is not staged afresh and no earlier run recorded the count of staging_songs",
            RunCondition.Only(f => !f.StagedAfresh("staging_songs") && f.CountUnrecorded("staging_songs")).Description);
        // A negation reads as words (De Morgan), never as "not (…)".
        Assert.Equal("only when this is not a full reload and staging_events is not staged afresh",
            RunCondition.Only(f => !(f.FullReload || f.StagedAfresh("staging_events"))).Description);
        var table = StagingTable.Events;
        Assert.Equal("only when there are files of staging_events to stage", RunCondition.Only(f => f.FilesToStage(table.Name)).Description);
    }

    [Fact]
    public void A_condition_holds_exactly_when_its_code_does()
    {
        var condition = RunCondition.Only(f => !f.StagedAfresh("staging_songs") && f.CountUnrecorded("staging_songs"));
        var facts = new RunFacts();

        Assert.True(condition.Holds(facts));
        facts.CountRecorded("staging_songs");
        Assert.False(condition.Holds(facts));
        Assert.True(RunCondition.Always.Holds(facts));
        Assert.True(RunCondition.Only(f => f.FullCheck).Holds(new RunFacts { FullCheck = true }));
    }

    [Fact]
    public void A_condition_that_cannot_be_said_in_words_is_refused_when_it_is_made()
    {
        var unsaid = Assert.Throws<NotSupportedException>(() => RunCondition.Only(f => f.SkippedRecords > 3));
        Assert.Contains("joined by !, && and ||", unsaid.Message);
        var negated = Assert.Throws<NotSupportedException>(() => RunCondition.Only(f => !f.DatabaseMissing));
        Assert.Equal("RunFacts.DatabaseMissing has no [Says(Otherwise = …)] words for its negation.", negated.Message);
    }

    [Fact]
    public void A_condition_can_only_be_made_from_code()
    {
        Assert.Empty(typeof(RunCondition).GetConstructors());
        Assert.All(typeof(RunCondition).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(RunCondition) && !m.IsSpecialName),
            factory => Assert.Equal([typeof(System.Linq.Expressions.Expression<Func<RunFacts, bool>>)], factory.GetParameters().Select(p => p.ParameterType)));
        Assert.Equal(typeof(RunCondition), typeof(PlannedStatement).GetProperty(nameof(PlannedStatement.When))!.PropertyType);
    }

    public static TheoryData<string> Engines => ["postgres", "redshift whole prefix", "redshift incremental"];

    [Theory]
    [MemberData(nameof(Engines))]
    public void Every_step_s_description_is_generated_from_the_code_that_decides_whether_it_runs(string engine)
    {
        var plan = LoadPlan.For(EngineFor(engine), "dev");

        Assert.Contains(plan, s => !s.Statement.When.IsAlways);
        Assert.All(plan, step =>
        {
            var when = step.Statement.When;
            var generated = when.IsAlways ? "" : $" (only when {RunCondition.Describe(when.Test.Body)})";
            Assert.Equal(step.Statement.Name + generated + (step.Statement.Repeats is { } repeats ? $" [{repeats}]" : ""), step.Statement.Described);
        });
    }

    [Fact]
    public void The_plan_is_the_statements_of_the_steps_the_loader_runs_in_their_order()
    {
        var engine = EngineFor("postgres");
        var steps = LoadSteps.For(engine, "dev");

        Assert.Equal(
            steps.SelectMany(step => step.Planned.Select(s => (step.Session, step.Part, s.Name, s.Sql))),
            LoadPlan.For(engine, "dev").Select(s => (s.Session, s.Part, s.Statement.Name, s.Statement.Sql)));
        Assert.Equal([StepPhase.Run, StepPhase.Finally, StepPhase.OnFailure], steps.Select(s => s.Phase).Distinct());
        Assert.All(LoadPlan.For(engine, "dev").Where(s => s.Part == "on failure"),
            s => Assert.Equal("only when the run fails, in place of the finish above", s.Statement.When.Description));
    }

    private static IWarehouseEngine EngineFor(string engine)
    {
        if (engine == "postgres")
            return new PostgresEngine(InputSources.Local("song_data", "log_data"));
        var folder = Directory.CreateTempSubdirectory("sparkify-conditions-");
        try
        {
            var incremental = engine.EndsWith("incremental", StringComparison.Ordinal);
            return WarehouseEngines.For(DwhConfig.Load(RedshiftConfigFile.Write(folder.FullName,
                manifestPrefix: incremental ? "s3://my-sparkify-bucket/sparkify" : "")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
