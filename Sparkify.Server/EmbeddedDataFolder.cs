using System.Security.Cryptography;
using System.Text;
using Sparkify.Settings;

namespace Sparkify.Server;

/// <summary>Where the embedded server keeps its data for a given dwh.cfg.</summary>
/// <remarks>
/// Beside the cfg file (<c>.sparkify/</c>, git-ignored) when the server's account can reach that folder. As root,
/// PostgreSQL runs as the <c>postgres</c> account, which cannot enter a clone under a folder only root may enter (a
/// clone under <c>/root</c>, the usual case in a container): then the data lives in a folder of that account's own,
/// named for the cfg file's folder and a hash of its path, so each clone keeps its own server.
/// </remarks>
public static class EmbeddedDataFolder
{
    public const string BesideConfig = ".sparkify";

    public static string For(DwhConfig config)
    {
        var folder = Path.GetDirectoryName(config.Path)!;
        if (!ServerProcess.IsRoot || ServerProcess.ServiceAccountCanEnter(folder))
            return Path.Combine(folder, BesideConfig);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config.Path)))[..12];
        return Path.Combine(ServerProcess.ServiceAccountHome(), "sparkify", $"{Path.GetFileName(folder)}-{hash}");
    }
}
