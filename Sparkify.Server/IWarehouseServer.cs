namespace Sparkify.Server;

/// <summary>A database server the warehouse lives in, and how to reach it.</summary>
public interface IWarehouseServer : IAsyncDisposable
{
    string ConnectionString { get; }

    /// <summary>A line for people: what the server is and where, never with a password.</summary>
    string Description { get; }
}
