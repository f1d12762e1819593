namespace Sparkify.Loader.Staging.Redshift;

/// <summary>A Redshift COPY failed; the message lists the failing files, lines and columns from the load-error log.</summary>
public sealed class RedshiftLoadException(string table, IReadOnlyList<RedshiftLoadError> errors, Exception inner)
    : Exception(Describe(table, errors, inner), inner)
{
    public IReadOnlyList<RedshiftLoadError> Errors { get; } = errors;

    private static string Describe(string table, IReadOnlyList<RedshiftLoadError> errors, Exception inner) =>
        errors.Count == 0
            ? $"COPY into {table} failed: {inner.Message}"
            : $"COPY into {table} failed; Redshift's load-error log says:\n" + string.Join("\n", errors.Select(e => "- " + e));
}
