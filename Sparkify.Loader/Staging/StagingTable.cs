using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Sparkify.Data.Entities;
using Sparkify.Data.Schema;
using Sparkify.Loader.Model;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>A staging table and its columns, in table order, as the EF model configures them (<see cref="StagedFromJsonExtensions"/>).</summary>
public sealed record StagingTable(string Name, IReadOnlyList<StagingColumn> Columns, bool OneRecordPerLine)
{
    /// <summary>The columns no JSON holds, which the loader fills, in table order after the raw ones.</summary>
    /// <remarks>Declared before the tables: static properties are initialised in order, and theirs read it.</remarks>
    public static IReadOnlyList<string> BookkeepingColumns { get; } = [RunIdColumn, FileNumberColumn];

    /// <summary>App events, in the column order of log_json_path.json (Redshift COPY maps JSONPaths by position).</summary>
    public static StagingTable Events { get; } = Of<StagingEvent>();

    /// <summary>Song metadata; columns are named as the JSON keys (Redshift COPY 'auto').</summary>
    public static StagingTable Songs { get; } = Of<StagingSong>();

    /// <summary>The column, after the raw ones, that holds the run which staged each row: a run transforms only its own rows.</summary>
    public const string RunIdColumn = "run_id";

    /// <summary>The column, after the run, that holds which of the run's files each row came from (the ledger's number for it).</summary>
    public const string FileNumberColumn = "file_number";

    /// <summary>The table <typeparamref name="TEntity"/> maps to, its raw columns in the order the entity declares them.</summary>
    /// <remarks>
    /// Declaration order is the tables' column order (EF creates columns in it; a test compares with the database), and
    /// EF lists properties by name, so the order is read from the properties' metadata tokens, which follow the source.
    /// </remarks>
    public static StagingTable Of<TEntity>() => WarehouseModel.Derive(model =>
    {
        var entity = model.FindEntityType(typeof(TEntity)) ?? throw new ArgumentException($"{typeof(TEntity).Name} is not in the model.");
        var layout = entity.FindAnnotation(SchemaAnnotationNames.StagedFromJson)?.Value as string
            ?? throw new ArgumentException($"{typeof(TEntity).Name} is not staged from JSON (IsStagedFromJson).");
        var columns = entity.GetProperties()
            .Where(p => !BookkeepingColumns.Contains(p.GetColumnName()))
            .OrderBy(p => p.PropertyInfo?.MetadataToken ?? int.MaxValue)
            .Select(StagingColumn.Of)
            .ToList();
        return new StagingTable(entity.GetTableName()!, columns, Enum.Parse<JsonLayout>(layout) == JsonLayout.OneObjectPerLine);
    });

    /// <summary>Cuts a file of this table's input into records: the event logs are NDJSON, song files hold objects in any layout.</summary>
    /// <param name="onBadLine">For line-by-line input: receives a line that is not one whole object, instead of a throw.</param>
    public void Split(Stream input, string fileName, JsonRecordHandler onRecord, Action<InputException>? onBadLine = null)
    {
        if (OneRecordPerLine)
            JsonRecordSplitter.SplitLines(input, fileName, onRecord, onBadLine);
        else
            JsonRecordSplitter.Split(input, fileName, onRecord);
    }

    /// <summary>The binary COPY statement that fills this table: the raw columns, then the run and the file.</summary>
    public string CopyStatement =>
        $"copy {Name} ({string.Join(", ", [.. Columns.Select(c => c.Name), .. BookkeepingColumns])}) from stdin (format binary)";
}
