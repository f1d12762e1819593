namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// The session's prepared statements and portals by name: the SQL of those sent upstream (for the parameter rule), and
/// which ones are intercepted, so that a later Bind, Describe, Execute or Close naming one is answered by the proxy.
/// </summary>
internal sealed class StatementRegistry
{
    private readonly Dictionary<string, string> _upstream = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _intercepted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _interceptedPortals = new(StringComparer.Ordinal);

    /// <summary>A Parse: it replaces what the name meant before (the unnamed statement is reparsed at will).</summary>
    public void Parse(string name, string sql, bool intercepted)
    {
        _upstream.Remove(name);
        _intercepted.Remove(name);
        (intercepted ? _intercepted : _upstream)[name] = sql;
    }

    /// <summary>A Bind: the portal is intercepted if its statement is.</summary>
    public void Bind(string portal, string statement)
    {
        if (_intercepted.TryGetValue(statement, out var sql))
            _interceptedPortals[portal] = sql;
        else
            _interceptedPortals.Remove(portal);
    }

    public string? UpstreamStatement(string name) => _upstream.GetValueOrDefault(name);

    public string? InterceptedStatement(string name) => _intercepted.GetValueOrDefault(name);

    public string? InterceptedPortal(string name) => _interceptedPortals.GetValueOrDefault(name);

    /// <summary>A Close of a statement ('S') or portal ('P'); returns whether it was an intercepted one.</summary>
    public bool Close(char kind, string name)
    {
        if (kind == 'P')
            return _interceptedPortals.Remove(name);
        _upstream.Remove(name);
        return _intercepted.Remove(name);
    }
}
