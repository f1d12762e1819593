namespace Sparkify.Loader.Staging.Redshift;

/// <summary>The COPY statements that stage the raw JSON on Redshift, straight from S3.</summary>
/// <remarks>
/// Options, each chosen on purpose (https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html):
/// <list type="bullet">
/// <item><c>FORMAT AS JSON 'jsonpaths'</c> for events, mapped by position to staging_events' columns (<see cref="RedshiftJsonPaths"/>);
///   <c>'auto'</c> for songs, whose columns carry the JSON keys' names, lower case as 'auto' needs them.</item>
/// <item>No <c>TIMEFORMAT</c>: <c>ts</c> is staged as BIGINT epoch milliseconds and converted in SQL, as on PostgreSQL.</item>
/// <item>No <c>TRUNCATECOLUMNS</c> and no <c>ACCEPTINVCHARS</c>: a value too long for its column, or invalid UTF-8,
///   fails the load with its file and line instead of being cut or rewritten in silence.</item>
/// <item>No <c>BLANKSASNULL</c> / <c>EMPTYASNULL</c>: staging stays raw, so an empty <c>userId</c> stays '' as it does on
///   PostgreSQL and the same transform SQL sees the same values.</item>
/// <item><c>COMPUPDATE OFF</c>: staging grows every run; analysing compression each time costs more than it saves.</item>
/// <item>No <c>STATUPDATE</c>: with it "the current user must be either the table owner or a superuser", and a loader need only
///   insert (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html#copy-statupdate); Redshift's automatic
///   analyze keeps the statistics.</item>
/// <item><c>MAXERROR</c>: one more than the run may skip (<see cref="RedshiftCopySettings.CopyMaxError"/>).</item>
/// <item><c>REGION</c>: the data's Region, which the manifests and the JSONPaths file share (<see cref="BucketRegions"/>).</item>
/// </list>
/// Values are validated by <see cref="RedshiftCopySettings"/> and quoted as literals besides.
/// </remarks>
public static class RedshiftCopyStatements
{
    /// <summary>Empties a staging table inside the load's transaction; TRUNCATE would commit it on Redshift.</summary>
    /// <remarks>https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html</remarks>
    public static string Clear(StagingTable table) => $"delete from {table.Name}";

    /// <summary>The COPY of a table's whole input prefix, or, given a run's <paramref name="manifest"/>, of exactly the objects it lists.</summary>
    /// <param name="runId">The run whose JSONPaths file the events' COPY reads (null in a plan, made before the run has an id).</param>
    /// <remarks>
    /// The columns are named: the staging tables end with run_id, which no JSON holds (JSONPaths map to the listed
    /// columns by position). A manifest of compacted songs names gzip NDJSON objects (<paramref name="gzip"/>).
    /// https://docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html
    /// </remarks>
    public static string Copy(StagingTable table, RedshiftCopySettings settings, long? runId, string? manifest = null, bool gzip = false)
    {
        var source = manifest ?? settings.Input(table);
        var format = table == StagingTable.Events ? settings.JsonPathsFor(runId) : "auto";
        var options = (manifest is null ? "" : "\nmanifest") + (gzip ? "\ngzip" : "");
        return $"""
            copy {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))})
            from {Literal(source)}
            iam_role {Literal(settings.IamRoleArn)}
            format as json {Literal(format)}{options}
            region {Literal(settings.Region)}
            compupdate off
            maxerror {settings.CopyMaxError}
            """;
    }

    /// <summary>COPY cannot set a column to a value of its own, so the rows it just added (run_id still null) get the run's id after it.</summary>
    public static string StampRun(StagingTable table) =>
        $"update {table.Name} set {StagingTable.RunIdColumn} = @run_id where {StagingTable.RunIdColumn} is null";

    /// <summary>A SQL string literal: single quotes doubled (the validated values hold none, but quoting never relies on that).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
