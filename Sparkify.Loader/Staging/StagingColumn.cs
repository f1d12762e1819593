using System.Text;

namespace Sparkify.Loader.Staging;

/// <summary>The JSON types a staging column accepts and the PostgreSQL type it is copied as.</summary>
public enum ColumnKind
{
    /// <summary>varchar: a JSON string (or, where the column allows it, a number kept as its literal text).</summary>
    Text,
    Integer,
    BigInt,
    Double,
}

/// <summary>One staging column: the JSON key it is read from, its kind and, for text, its maximum length.</summary>
public sealed record StagingColumn(string Name, string JsonKey, ColumnKind Kind, int MaxLength = 0)
{
    /// <summary>A record without this key is bad input (a JSON null is still fine): the transforms depend on it.</summary>
    public bool Required { get; init; }

    /// <summary>The event's time, epoch milliseconds: outside the run's <see cref="EventTimeWindow"/> it is bad input.</summary>
    public bool IsEventTime { get; init; }

    /// <summary>A bare JSON number is accepted as text and kept as its literal, as Redshift's COPY does.</summary>
    /// <remarks>Only where the real data needs it: some song titles, artist names and locations are numbers.</remarks>
    public bool NumbersAsText { get; init; }

    /// <summary>The key as UTF-8, for matching property names without decoding them.</summary>
    public byte[] JsonKeyUtf8 { get; } = Encoding.UTF8.GetBytes(JsonKey);
}
