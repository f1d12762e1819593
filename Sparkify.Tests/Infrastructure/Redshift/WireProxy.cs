using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// A stand-in Redshift endpoint for tests: a PostgreSQL wire-protocol (v3) proxy on loopback, with TLS, in front of a
/// real PostgreSQL server. Everything is relayed unchanged, except the statements <see cref="IStatementInterceptor"/>
/// handles, which it runs on the client's own upstream session, and parameterized statements a rule refuses.
/// </summary>
public sealed class WireProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly ProxySettings _settings;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly ConcurrentQueue<Exception> _faults = new();
    private readonly Task _accepting;

    private WireProxy(TcpListener listener, ProxySettings settings)
    {
        _listener = listener;
        _settings = settings;
        _accepting = AcceptAsync();
    }

    public string Host { get; } = IPAddress.Loopback.ToString();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every Parse's and simple Query's SQL the proxy received, under its session's application_name, in arrival order.</summary>
    public IReadOnlyList<LoggedStatement> Log => _settings.Log.All;

    /// <summary>
    /// Starts listening on a free loopback port. <paramref name="upstreamConnectionString"/> gives only the server's host and
    /// port: each client logs in upstream as itself.
    /// </summary>
    /// <param name="refuseParameters">
    /// Asked, for a statement not intercepted that is bound with parameters, with its SQL and the parameters' count;
    /// a message refuses it: the client gets that message as a 0A000 error and nothing runs.
    /// </param>
    public static Task<WireProxy> StartAsync(
        string upstreamConnectionString, IStatementInterceptor interceptor, Func<string, int, string?>? refuseParameters = null)
    {
        var settings = new ProxySettings(
            UpstreamAddress.FromConnectionString(upstreamConnectionString), ProxyCertificate.Create(), interceptor, refuseParameters, new StatementLog());
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return Task.FromResult(new WireProxy(listener, settings));
    }

    /// <summary>The statements received since the last call, as <see cref="StatementLogServer.Read"/> gives the server's.</summary>
    public IReadOnlyList<LoggedStatement> Read() => _settings.Log.Read();

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            client.NoDelay = true;
            _sessions.Add(ProxyConnection.ServeAsync(client, _settings, _stopping.Token).ContinueWith(KeepFault, TaskScheduler.Default));
        }
    }

    /// <summary>A session's fault is a fault of the proxy's: kept, and thrown when the proxy is disposed.</summary>
    private void KeepFault(Task session)
    {
        if (session.Exception is { } fault)
            _faults.Enqueue(fault.GetBaseException());
    }

    /// <summary>Stops listening and closes every session, both its sides; throws what faulted in any session.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_sessions);
        _stopping.Dispose();
        _settings.Certificate.Dispose();
        if (!_faults.IsEmpty)
            throw new AggregateException("A session of the wire proxy failed.", _faults);
    }
}
