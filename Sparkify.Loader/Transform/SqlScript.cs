namespace Sparkify.Loader.Transform;

/// <summary>One SQL statement from an embedded <c>.sql</c> file, with the file's name for errors and reports.</summary>
public sealed record SqlScript(string Name, string Sql)
{
    /// <summary>The table the statement writes, from the file name: <c>01_users_update.sql</c> → <c>users</c>.</summary>
    public string Table => Name.Split('_', '.')[1];
}
