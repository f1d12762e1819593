namespace Sparkify.Data.Redshift;

/// <summary>The model annotations that carry Redshift's physical design, from the fluent API to the DDL generator.</summary>
public static class RedshiftAnnotationNames
{
    public const string Prefix = "Redshift:";

    /// <summary>On entity types and tables: a <see cref="RedshiftDistributionStyle"/> name.</summary>
    public const string DistributionStyle = Prefix + "DistStyle";

    /// <summary>On entity types, the property name; on tables, the column name.</summary>
    public const string DistributionKey = Prefix + "DistKey";

    /// <summary>On entity types, property names; on tables, column names; comma-separated, in key order.</summary>
    public const string SortKey = Prefix + "SortKey";
}
