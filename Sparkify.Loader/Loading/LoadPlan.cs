using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Sparkify.Data;
using Sparkify.Data.Settings;
using Sparkify.Loader.Checks;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;
using Sparkify.Loader.Upkeep;

namespace Sparkify.Loader.Loading;

/// <summary>One statement of a load, and the stage it belongs to.</summary>
public sealed record PlanStep(LoadStage Stage, PlannedStatement Statement);

/// <summary>Every statement a load would run for the configured engine, in order, built without connecting.</summary>
public static class LoadPlan
{
    // Building the migration script needs a connection string, never a connection.
    private const string NoConnection = "Host=plan.invalid";

    public static IReadOnlyList<PlanStep> For(DatabaseEngine engine, IStager stager)
    {
        using var context = new SparkifyDbContext(SparkifyDbContextOptions.For(engine, NoConnection));
        var steps = new List<PlanStep>
        {
            new(LoadStage.Schema, new("migrations (a run applies only those the database lacks)", context.GetService<IMigrator>().GenerateScript())),
        };
        if (engine == DatabaseEngine.Redshift)
            steps.AddRange(RedshiftLoadRunScope.OpeningStatements.Select(sql => new PlanStep(LoadStage.StageEvents, new("open the run", sql))));
        var upkeep = EngineUpkeep.For(engine);
        steps.AddRange(upkeep.BeforeStaging.Select(s => new PlanStep(LoadStage.StageEvents, s)));
        steps.AddRange(stager.Plan(StagingTable.Events).Select(s => new PlanStep(LoadStage.StageEvents, s)));
        steps.AddRange(stager.Plan(StagingTable.Songs).Select(s => new PlanStep(LoadStage.StageSongs, s)));
        steps.AddRange(upkeep.AfterStaging(null).Select(s => new PlanStep(LoadStage.Transform, s)));
        steps.AddRange(TransformPlan.Statements.Select(s =>
            new PlanStep(LoadStage.Transform, new(s.Condition is { } when ? $"{s.Script.Name}, {when}" : s.Script.Name, s.Script.Sql))));
        steps.AddRange(upkeep.AfterTransforms(null).Select(s => new PlanStep(LoadStage.Transform, s)));
        steps.AddRange(DataChecks.For(engine).Select(c => new PlanStep(LoadStage.Transform,
            new($"check {c.Name} (must return no rows; {(c.FullCheckOnly ? "only in a full check" : "@run_id is this run, or null for a full check")})", c.Sql))));
        steps.AddRange(SqlScripts.Cleanup.Select(s => new PlanStep(LoadStage.Transform, new(s.Name, s.Sql))));
        return steps;
    }
}
