namespace Sparkify.Data.Configuration;

/// <summary>Store types valid on both PostgreSQL and Amazon Redshift.</summary>
/// <remarks>
/// Redshift's VARCHAR length counts bytes, not characters, and has no unbounded <c>text</c>:
/// every string column gets an explicit length. Free text (titles, names, locations, user agents)
/// is at most 177 bytes in the real data; 512 leaves room for longer multibyte values.
/// https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html
/// </remarks>
internal static class ColumnTypes
{
    public const string FreeText = "varchar(512)";
    public const string Name = "varchar(256)";
    public const string Code = "varchar(32)";
    public const string Flag = "varchar(16)";

    /// <summary>UTC instants with millisecond precision; no time zone, so date parts never depend on a session setting.</summary>
    public const string UtcTimestamp = "timestamp without time zone";
}
