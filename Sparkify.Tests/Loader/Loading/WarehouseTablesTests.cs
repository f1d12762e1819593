using Microsoft.EntityFrameworkCore;
using Sparkify.Data.Entities;
using Sparkify.Loader.Model;
using Sparkify.Loader.Sql;

namespace Sparkify.Tests.Loader.Loading;

/// <summary>The loader's table names come from the EF model, and whatever lists tables by name keeps step with them.</summary>
public sealed class WarehouseTablesTests
{
    private static readonly string[] Bookkeeping = [WarehouseTables.Of<LoadRun>(), WarehouseTables.Of<LoadError>(), WarehouseTables.Of<LoadedFile>()];

    [Fact]
    public void Every_table_of_the_model_is_staging_star_or_bookkeeping()
    {
        var modelTables = WarehouseModel.Derive(model => model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().ToList());

        Assert.Equal(modelTables.Order(), WarehouseTables.All.Concat(Bookkeeping).Order());
        Assert.Equal(["staging_events", "staging_songs", "songs", "artists", "users", "user_levels", "songplays", "time"], WarehouseTables.All);
    }

    [Fact]
    public void The_run_log_has_a_row_count_column_for_every_table_and_the_finish_statement_sets_each()
    {
        var columns = WarehouseModel.Derive(model => model.FindEntityType(typeof(LoadRun))!.GetProperties().Select(p => p.GetColumnName()).ToHashSet());
        var finish = SqlScripts.LoadRuns.Get("09_load_run_finish.sql").Sql;

        foreach (var table in WarehouseTables.All)
        {
            Assert.Contains($"{table}_rows", columns);
            Assert.Contains($"{table}_rows = @{table}_rows", finish);
        }
    }
}
