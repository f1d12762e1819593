using Sparkify.Server;
using Sparkify.Settings;

namespace Sparkify.Loader.Cli;

/// <summary>
/// The server for the verbs that only read (<c>runs</c>, <c>report</c>): they create no database and no embedded server's
/// data, and when they had to start the embedded server they say so, and how to stop it.
/// </summary>
/// <remarks>
/// They leave a server they started running, as a load does: a loader may have attached to it meanwhile, and stopping it
/// would cut that load off. The line says how to stop it.
/// </remarks>
internal static class ReadOnlyServer
{
    public static Task<IWarehouseServer> OpenAsync(DwhConfig config, CancellationToken cancellationToken) =>
        WarehouseServers.OpenExistingAsync(config, EmbeddedServerHints.LoadCommand(config),
            started => Console.Error.WriteLine(EmbeddedServerHints.Started(config, started)), cancellationToken);
}
