namespace Sparkify.Data.Schema;

/// <summary>The model annotations of this project that are not about Redshift's physical design.</summary>
public static class SchemaAnnotationNames
{
    /// <summary>
    /// On entity types: the loader's data checks guard the table's keys for the rows each run wrote. On foreign
    /// keys (and their constraints): the loader checks the key, so PostgreSQL gets no constraint for it.
    /// </summary>
    public const string CheckedByLoader = "Sparkify:CheckedByLoader";
}
