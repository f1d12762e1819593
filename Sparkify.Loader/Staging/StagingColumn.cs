using System.Text;

namespace Sparkify.Loader.Staging;

/// <summary>The JSON types a staging column accepts and the PostgreSQL type it is copied as.</summary>
public enum ColumnKind
{
    /// <summary>varchar: a JSON string, or a number kept as its literal text (as Redshift's COPY does).</summary>
    Text,
    Integer,
    BigInt,
    Double,
}

/// <summary>One staging column: the JSON key it is read from, its kind and, for text, its maximum length.</summary>
public sealed record StagingColumn(string Name, string JsonKey, ColumnKind Kind, int MaxLength = 0)
{
    /// <summary>The key as UTF-8, for matching property names without decoding them.</summary>
    public byte[] JsonKeyUtf8 { get; } = Encoding.UTF8.GetBytes(JsonKey);
}
