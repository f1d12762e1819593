namespace Sparkify.Data.Schema;

/// <summary>The model annotations of this project that are not about Redshift's physical design.</summary>
/// <remarks>
/// None of them changes DDL (the migrations' annotation provider surfaces none of them on a column), so adding or
/// changing one needs no migration; the next migration's snapshot carries them.
/// </remarks>
public static class SchemaAnnotationNames
{
    /// <summary>
    /// On entity types: the loader's data checks guard the table's keys for the rows each run wrote. On foreign
    /// keys (and their constraints): the loader checks the key, so PostgreSQL gets no constraint for it.
    /// </summary>
    public const string CheckedByLoader = "Sparkify:CheckedByLoader";

    /// <summary>On properties: the values the column may hold (a string array); the loader checks the rows each run wrote.</summary>
    public const string AcceptedValues = "Sparkify:AcceptedValues";

    /// <summary>On properties: the least and the greatest value the column may hold (an int array of two); checked like <see cref="AcceptedValues"/>.</summary>
    public const string AcceptedRange = "Sparkify:AcceptedRange";

    /// <summary>On entity types: the table is staged from JSON input in this <see cref="JsonLayout"/> (its name).</summary>
    public const string StagedFromJson = "Sparkify:StagedFromJson";

    /// <summary>On staged properties: the JSON key the column is read from, where it is not the column's name.</summary>
    public const string JsonKey = "Sparkify:JsonKey";

    /// <summary>On staged properties: a record without this key is bad input (a JSON null is still fine).</summary>
    public const string RequiredInInput = "Sparkify:RequiredInInput";

    /// <summary>On staged text properties: a bare JSON number is accepted and kept as its literal text.</summary>
    public const string NumbersAsText = "Sparkify:NumbersAsText";

    /// <summary>On a staged property: the event's time in epoch milliseconds, which must fall in the run's time window.</summary>
    public const string EventTime = "Sparkify:EventTime";

    /// <summary>On staged text properties: the value is an identifier, never null, empty or padded with whitespace (a key the transforms join and merge on).</summary>
    public const string Identifier = "Sparkify:Identifier";

    /// <summary>On staged text properties: the value is empty or a whole number in integer range written plainly, which the transforms cast to integer.</summary>
    public const string WholeNumberText = "Sparkify:WholeNumberText";

    /// <summary>
    /// On staged properties: a record whose field named first (a property name) holds the value given second must hold a
    /// value here, not null and, for text, not empty (a string array of two).
    /// </summary>
    public const string RequiredWhere = "Sparkify:RequiredWhere";

    /// <summary>On indexes: a BRIN index, which the loader's upkeep refreshes (set with the index method by <see cref="BlockRangeIndexExtensions"/>).</summary>
    public const string BlockRangeIndex = "Sparkify:BlockRangeIndex";
}
