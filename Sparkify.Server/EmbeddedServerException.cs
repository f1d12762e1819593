namespace Sparkify.Server;

/// <summary>The embedded PostgreSQL server could not be found, started or stopped.</summary>
public sealed class EmbeddedServerException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What the PostgreSQL tool that failed wrote to its standard error, when a tool failed.</summary>
    public string? ToolErrors { get; init; }
}
