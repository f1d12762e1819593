namespace Sparkify.Loader.Staging.Redshift;

/// <summary>A Redshift COPY failed; the message lists the failing files, lines and columns from the load-error log.</summary>
public sealed class RedshiftLoadException : Exception
{
    public RedshiftLoadException(string table, IReadOnlyList<RedshiftLoadError> errors, Exception inner)
        : base(Describe(table, errors, inner), inner) => Errors = errors;

    /// <summary>A COPY that did not fail, but whose outcome the run cannot account for.</summary>
    public RedshiftLoadException(string table, string message) : base(message) => (Table, Errors) = (table, []);

    public string? Table { get; }

    public IReadOnlyList<RedshiftLoadError> Errors { get; }

    private static string Describe(string table, IReadOnlyList<RedshiftLoadError> errors, Exception inner) =>
        errors.Count == 0
            ? $"COPY into {table} failed: {inner.Message}"
            : $"COPY into {table} failed; Redshift's load-error log says:\n" + string.Join("\n", errors.Select(e => "- " + e));
}
