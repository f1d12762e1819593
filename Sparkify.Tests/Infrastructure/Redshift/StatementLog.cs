namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>The statements the proxy received from all its sessions, in the order they arrived; safe to add to from any session.</summary>
internal sealed class StatementLog
{
    private readonly List<LoggedStatement> _statements = [];
    private int _read;

    public IReadOnlyList<LoggedStatement> All
    {
        get
        {
            lock (_statements)
                return [.. _statements];
        }
    }

    public void Add(LoggedStatement statement)
    {
        lock (_statements)
            _statements.Add(statement);
    }

    /// <summary>The statements added since the last call.</summary>
    public IReadOnlyList<LoggedStatement> Read()
    {
        lock (_statements)
        {
            var unread = _statements[_read..];
            _read = _statements.Count;
            return unread;
        }
    }
}
