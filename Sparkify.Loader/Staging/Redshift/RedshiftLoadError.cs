namespace Sparkify.Loader.Staging.Redshift;

/// <summary>One row of Redshift's load-error log, and what to do about it.</summary>
public sealed record RedshiftLoadError(string File, long Line, string Column, int Code, string Reason, string RawValue)
{
    /// <summary>The whole input line, as the log keeps it (cut to 1,024 bytes).</summary>
    public string RawLine { get; init; } = "";

    /// <summary>The error codes people meet most, with the fix (codes: https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html).</summary>
    private static readonly Dictionary<int, string> Hints = new()
    {
        [1204] = "a value is too long for its column (Redshift counts VARCHAR lengths in bytes): widen the column in the model and add a migration.",
        [1205] = "a date is not in the expected format: check DATEFORMAT, or stage the value as text and convert it in SQL.",
        [1206] = "a timestamp is not in the expected format: check TIMEFORMAT, or stage it as BIGINT epoch milliseconds as ts is.",
        [1207] = "a number column received something that is not a number: check the JSONPaths order against the table's columns.",
        [1216] = "the input line is not what the format expects: check FORMAT AS JSON and the JSONPaths file (a wrong format flag looks like this).",
        [1220] = "the text is not valid UTF-8: fix the file, or add ACCEPTINVCHARS to replace such characters.",
        [1224] = "the input is not well-formed JSON: fix the file at this line.",
    };

    public string? Hint => Hints.GetValueOrDefault(Code);

    public override string ToString() =>
        $"{File}, line {Line}, column {Column}: {Reason} (error {Code}{(RawValue.Length > 0 ? $", value '{RawValue}'" : "")})" +
        (Hint is { } hint ? $"\n  hint: {hint}" : "");
}
