namespace Sparkify.Server;

/// <summary>The warehouse's database does not exist, and the command that looked for it creates nothing: it says to load first.</summary>
public sealed class WarehouseMissingException(string database, string server, string loadCommand)
    : Exception($"database {database} does not exist on {server}; load it first: {loadCommand}")
{
    public string Database { get; } = database;
}
