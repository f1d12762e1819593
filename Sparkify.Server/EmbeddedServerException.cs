namespace Sparkify.Server;

/// <summary>The embedded PostgreSQL server could not be found, started or stopped.</summary>
public sealed class EmbeddedServerException(string message) : Exception(message);
