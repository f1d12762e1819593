namespace Sparkify.Loader.Staging.Redshift;

/// <summary>The COPY statements that stage the raw JSON on Redshift, straight from S3.</summary>
/// <remarks>
/// Options, each chosen on purpose (https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html):
/// <list type="bullet">
/// <item><c>FORMAT AS JSON 'jsonpaths'</c> for events, mapped by position to staging_events' columns;
///   <c>'auto'</c> for songs, whose columns carry the JSON keys' names.</item>
/// <item>No <c>TIMEFORMAT</c>: <c>ts</c> is staged as BIGINT epoch milliseconds and converted in SQL, as on PostgreSQL.</item>
/// <item>No <c>TRUNCATECOLUMNS</c> and no <c>ACCEPTINVCHARS</c>: a value too long for its column, or invalid UTF-8,
///   fails the load with its file and line instead of being cut or rewritten in silence.</item>
/// <item>No <c>BLANKSASNULL</c> / <c>EMPTYASNULL</c>: staging stays raw, so an empty <c>userId</c> stays '' as it does on
///   PostgreSQL and the same transform SQL sees the same values.</item>
/// <item><c>COMPUPDATE OFF</c>: staging is emptied and refilled every run; analysing compression each time costs more
///   than it saves. <c>STATUPDATE ON</c>: the transforms' joins are planned with fresh statistics.</item>
/// <item><c>MAXERROR</c> from <c>[S3] MAXERROR</c>, 0 by default: any bad record fails the load.</item>
/// </list>
/// Values are validated by <see cref="RedshiftCopySettings"/> and quoted as literals besides.
/// </remarks>
public static class RedshiftCopyStatements
{
    /// <summary>Empties a staging table inside the load's transaction; TRUNCATE would commit it on Redshift.</summary>
    /// <remarks>https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html</remarks>
    public static string Clear(StagingTable table) => $"delete from {table.Name}";

    /// <remarks>
    /// With song compaction configured, songs are copied from the compaction's manifest of gzip NDJSON
    /// objects (<c>MANIFEST GZIP</c>): one COPY over a few large files instead of thousands of tiny ones.
    /// https://docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html
    /// </remarks>
    public static string Copy(StagingTable table, RedshiftCopySettings settings)
    {
        var (source, format, options) = table == StagingTable.Events ? (settings.LogData, settings.LogJsonPath, "")
            : settings.SongManifest is { } manifest ? (manifest, "auto", "\nmanifest\ngzip")
            : (settings.SongData, "auto", "");
        return $"""
            copy {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))})
            from {Literal(source)}
            iam_role {Literal(settings.IamRoleArn)}
            format as json {Literal(format)}{options}
            region {Literal(settings.Region)}
            compupdate off
            statupdate on
            maxerror {settings.MaxError}
            """;
    }

    /// <summary>COPY cannot set a column to a value of its own, so the rows it just added (run_id still null) get the run's id after it.</summary>
    public static string StampRun(StagingTable table) =>
        $"update {table.Name} set {StagingTable.RunIdColumn} = @run_id where {StagingTable.RunIdColumn} is null";

    /// <summary>A SQL string literal: single quotes doubled (the validated values hold none, but quoting never relies on that).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
