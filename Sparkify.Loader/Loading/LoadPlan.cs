using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Sparkify.Data;
using Sparkify.Data.Settings;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Transform;

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
        steps.AddRange(stager.Plan(StagingTable.Events).Select(s => new PlanStep(LoadStage.StageEvents, s)));
        steps.AddRange(stager.Plan(StagingTable.Songs).Select(s => new PlanStep(LoadStage.StageSongs, s)));
        steps.AddRange(stager.BeforeTransforms.Select(s => new PlanStep(LoadStage.Transform, s)));
        steps.AddRange(SqlScripts.Transforms.Select(s => new PlanStep(LoadStage.Transform, new(s.Name, s.Sql))));
        steps.AddRange(SqlScripts.Checks.Select(s => new PlanStep(LoadStage.Transform, new($"check {s.Name} (must return no rows)", s.Sql))));
        return steps;
    }
}
