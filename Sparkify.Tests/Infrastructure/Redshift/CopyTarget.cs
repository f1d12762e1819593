namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>The table a COPY loads and the columns it lists (all of the table's, in order, when it lists none), read from the catalog.</summary>
public sealed record CopyTarget(string Name, long Oid, IReadOnlyList<TargetColumn> Columns)
{
    public static async Task<CopyTarget> ReadAsync(CopyStatement copy, IUpstreamSession session, CancellationToken cancellationToken)
    {
        var table = copy.Table.Replace("'", "''", StringComparison.Ordinal);
        var found = await session.QueryAsync($"""
            select c.oid, a.attname, format_type(a.atttypid, null), nullif(a.atttypmod, -1) - 4,
                pg_get_userbyid(c.relowner) = current_user or (select rolsuper from pg_roles where rolname = current_user)
            from pg_class c join pg_attribute a on a.attrelid = c.oid
            where c.oid = to_regclass('{table}') and a.attnum > 0 and not a.attisdropped
            order by a.attnum
            """, cancellationToken);
        if (found.Count == 0)
            throw new RedshiftErrorException("42P01", $"relation \"{copy.Table}\" does not exist");
        // "If STATUPDATE is used, the current user must be either the table owner or a superuser." copy-parameters-data-load.html#copy-statupdate
        if (copy.StatUpdate && (string?)found[0][4] != "t")
            throw new RedshiftErrorException("42501", $"STATUPDATE requires the owner of table {copy.Table} or a superuser");
        var columns = found.ToDictionary(r => (string)r[1]!, r => new TargetColumn((string)r[1]!, (string)r[2]!,
            r[3] is string length && int.TryParse(length, out var n) ? n : null));
        var listed = copy.Columns ?? [.. columns.Keys];
        foreach (var name in listed)
            if (!columns.ContainsKey(name))
                throw new RedshiftErrorException("42703", $"column \"{name}\" of relation \"{copy.Table}\" does not exist");
        return new CopyTarget(copy.Table, long.Parse((string)found[0][0]!, System.Globalization.CultureInfo.InvariantCulture),
            [.. listed.Select(name => columns[name])]);
    }
}
