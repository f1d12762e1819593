namespace Sparkify.Loader.Staging.Redshift;

/// <summary>One row of Redshift's load-error log, and what to do about it.</summary>
/// <param name="File">The object COPY read, as the log names it: for compacted songs, the gzip part (see <see cref="LoadErrorSources"/>).</param>
/// <param name="Line">For JSON, the line on which the record ends.</param>
/// <param name="RawValue">The field's value before parsing, where the log keeps it (stl_load_errors does, sys_load_error_detail does not).</param>
public sealed record RedshiftLoadError(string File, long Line, string Column, int Code, string Reason, string RawValue)
{
    /// <summary>The error codes people meet most, with the fix (codes: https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html).</summary>
    private static readonly Dictionary<int, string> Hints = new()
    {
        [1204] = "a value is out of its column's range; for text, too long (Redshift counts VARCHAR lengths in bytes): widen the column in the model and add a migration.",
        [1205] = "a date is not in the expected format: check DATEFORMAT, or stage the value as text and convert it in SQL.",
        [1206] = "a timestamp is not in the expected format: check TIMEFORMAT, or stage it as BIGINT epoch milliseconds as ts is.",
        [1207] = "a number column received something that is not a number: check the JSONPaths order against the table's columns.",
        [1208] = "a floating-point column received something that is not a number.",
        [1216] = "the input line is not valid: not a whole JSON object, or not what FORMAT AS JSON and the JSONPaths file expect.",
        [1220] = "the text is not valid UTF-8: fix the file, or add ACCEPTINVCHARS to replace such characters.",
        [1222] = "a whole number is too large for its integer column.",
    };

    public string? Hint => Hints.GetValueOrDefault(Code);

    public override string ToString() =>
        $"{File}, line {Line}, column {Column}: {Reason} (error {Code}{(RawValue.Length > 0 ? $", value '{RawValue}'" : "")})" +
        (Hint is { } hint ? $"\n  hint: {hint}" : "");
}
