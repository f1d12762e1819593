using Npgsql;
using Sparkify.Loader.Plan;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Sources;
using Sparkify.Server;
using Sparkify.Settings;

namespace Sparkify.Loader.Cli;

/// <summary>
/// The second half of <c>--dry-run</c>: which input files or objects the next run would stage, found the way a run
/// finds them (the input listed, the ledger read) and changing nothing. On Redshift with a manifest prefix, also the keys
/// the run's manifests would list: the new objects, or the gzip parts new song files are compacted into.
/// </summary>
/// <remarks>It starts no server: with the embedded server stopped, or the database out of reach, the ledger goes unread and it says so.</remarks>
internal static class StagingPreview
{
    private const int Shown = 20;

    public static async Task WriteAsync(TextWriter output, DwhConfig config, IStager stager, bool fullReload, CancellationToken cancellationToken)
    {
        output.WriteLine();
        output.WriteLine("-- What the next run would stage (the input listed, the ledger read; nothing changed):");
        await using var ledger = await OpenLedgerAsync(output, config, cancellationToken);
        await WriteAsync(output, stager, ledger, fullReload, cancellationToken, config.VerifyInput);
    }

    /// <summary>Each staging table's files to stage, chosen with <paramref name="ledger"/> (null: it could not be read), and
    /// what each of the run's manifests would list, on an engine that writes them. With <paramref name="verifyInput"/>, every listed file
    /// is read and hashed, as the run would.</summary>
    public static async Task WriteAsync(TextWriter output, IStager stager, NpgsqlConnection? ledger, bool fullReload, CancellationToken cancellationToken,
        bool verifyInput = false)
    {
        foreach (var table in new[] { StagingTable.Events, StagingTable.Songs })
        {
            FileSelection selection;
            InputListing listing;
            try
            {
                listing = await stager.ListAsync(table, cancellationToken);
                selection = ledger is null ? new FileSelection(listing.Files, "the ledger was not read")
                    : await FileSelection.ChooseAsync(await FileSelection.LedgerAsync(ledger, table, new RunFacts { FullReload = fullReload }, cancellationToken),
                        table, listing, stager.Location(table), stager.ReplacesChangedFiles, cancellationToken,
                        verifyFrom: verifyInput && stager.RestagesEveryRun is null ? stager.Input(table) : null);
            }
            catch (Exception e) when (e is InputException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or IOException
                                           or HttpRequestException)
            {
                output.WriteLine($"--   {table.Name}: {e.Message}");
                continue;
            }
            var listed = listing.Files;
            var what = stager.RestagesEveryRun is { } always
                ? $"every run copies all {listed.Count:N0} objects ({always})"
                : selection.RestageReason is { } reason
                    ? $"all {listed.Count:N0} would be staged afresh, as {reason}"
                    : selection.ReplaceReason is { } changed
                        ? $"{selection.Files.Count:N0} of {listed.Count:N0} are new or changed ({selection.Replaced.Count:N0} changed, whose staged rows " +
                          $"would be replaced: {changed})"
                        : $"{selection.Files.Count:N0} of {listed.Count:N0} are new";
            output.WriteLine($"--   {table.Name}: {what}:");
            WriteNames(output, "--     ", selection.Files.Select(f => f.Name));
            foreach (var manifest in stager.ManifestsFor(table, selection.Files))
            {
                // Compacted song files reach COPY as the parts they are rewritten into: the manifest lists those, not the files above.
                output.WriteLine(manifest.Compacted
                    ? $"--   the run's manifest {manifest.Uri} would list, instead of these files, the {manifest.Entries.Count:N0} gzip part(s) they are compacted into:"
                    : $"--   the run's manifest {manifest.Uri} would list:");
                WriteNames(output, "--     ", manifest.Entries);
            }
            if (listing.Others.Count > 0)
                output.WriteLine($"--   and would not read {listing.Others.Count:N0} other file(s): {FileSelection.Names(listing.Others)}");
        }
    }

    /// <summary>The first names, one a line, and how many more.</summary>
    private static void WriteNames(TextWriter output, string indent, IEnumerable<string> names)
    {
        var all = names.ToList();
        foreach (var name in all.Take(Shown))
            output.WriteLine(indent + name);
        if (all.Count > Shown)
            output.WriteLine($"{indent}… and {all.Count - Shown:N0} more");
    }

    /// <summary>A connection to read the ledger with, if the database can be reached without starting anything.</summary>
    private static async Task<NpgsqlConnection?> OpenLedgerAsync(TextWriter output, DwhConfig config, CancellationToken cancellationToken)
    {
        string connectionString;
        if (config.UsesEmbeddedServer)
        {
            if (PostmasterPid.ReadPort(Path.Combine(EmbeddedDataFolder.For(config), "pgdata")) is not { } port)
            {
                output.WriteLine("--   (the embedded server is not running, so the ledger was not read: a first run stages every file)");
                return null;
            }
            connectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Database = config.Database, Username = "postgres" }.ConnectionString;
        }
        else
            connectionString = config.ConnectionString();

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 10 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("select count(*) from information_schema.tables where table_name = 'loaded_files'", connection);
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 1)
                return connection;
            output.WriteLine("--   (the database has no ledger yet: a first run stages every file)");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The message says what failed without the connection string, so no secret can show.
            output.WriteLine($"--   (the database could not be reached, so the ledger was not read: {e.Message})");
        }
        await connection.DisposeAsync();
        return null;
    }
}
