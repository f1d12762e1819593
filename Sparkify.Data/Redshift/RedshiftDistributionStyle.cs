namespace Sparkify.Data.Redshift;

/// <summary>How Redshift spreads a table's rows across the cluster's slices.</summary>
/// <remarks>https://docs.aws.amazon.com/redshift/latest/dg/c_choosing_dist_sort.html</remarks>
public enum RedshiftDistributionStyle
{
    /// <summary>Redshift chooses, and may change its choice as the table grows.</summary>
    Auto,

    /// <summary>Rows go round-robin: for tables that join nothing on a common key.</summary>
    Even,

    /// <summary>Rows go by the hash of the distribution key: rows that join on it share a slice.</summary>
    Key,

    /// <summary>Every node holds a full copy: for small dimensions that many queries join.</summary>
    All,
}
