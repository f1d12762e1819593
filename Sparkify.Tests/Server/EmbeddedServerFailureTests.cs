using Sparkify.Server;

namespace Sparkify.Tests.Server;

/// <summary>Why the embedded server did not start, in one line read from its log: the problem of this start, not an older one.</summary>
public sealed class EmbeddedServerFailureTests : IDisposable
{
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("sparkify-failure-").FullName;

    public void Dispose() => Directory.Delete(_dataRoot, recursive: true);

    private const string EarlierServer = """
        2026-01-01 09:00:00.000 UTC [100] LOG:  starting PostgreSQL 15.18 on x86_64-pc-linux-gnu
        2026-01-01 09:00:01.000 UTC [101] PANIC:  could not write to file "pg_wal/xlogtemp.101": No space left on device
        2026-01-01 09:00:02.000 UTC [100] LOG:  database system is shut down

        """;

    private string Log => Path.Combine(_dataRoot, EmbeddedServerFailure.LogName);

    private string Explain(long logFrom) =>
        EmbeddedServerFailure.FromLog(_dataRoot, Path.Combine(_dataRoot, "pgdata"), "did not start", logFrom, new EmbeddedServerException("pg_ctl failed")).Message;

    [Fact]
    public void The_line_quotes_the_most_severe_problem_of_the_latest_server_start()
    {
        // Given a log where an earlier server panicked, and the latest start met an error and then a fatal one
        File.WriteAllText(Log, EarlierServer + """
            2026-01-02 10:00:00.000 UTC [200] LOG:  starting PostgreSQL 15.18 on x86_64-pc-linux-gnu
            2026-01-02 10:00:00.100 UTC [201] ERROR:  relation "x" does not exist
            2026-01-02 10:00:00.200 UTC [200] FATAL:  data directory "/x/pgdata" has invalid permissions
            2026-01-02 10:00:00.300 UTC [200] DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).
            2026-01-02 10:00:00.400 UTC [200] LOG:  database system is shut down

            """);

        // When, then
        var line = Explain(logFrom: 0);
        Assert.Contains($"""did not start: its log says "FATAL: data directory "/x/pgdata" has invalid permissions" ({Log}).""", line);
        Assert.DoesNotContain("PANIC", line);
        Assert.DoesNotContain("\n", line);
    }

    [Fact]
    public void A_start_quotes_only_what_it_added_to_the_log_and_a_full_disk_says_to_free_space_on_its_file_system()
    {
        // Given the earlier server's lines, then what a start on a full disk adds (before its "starting" line)
        File.WriteAllText(Log, EarlierServer);
        var before = new FileInfo(Log).Length;
        File.AppendAllText(Log, """
            2026-01-02 10:00:00.000 UTC [300] FATAL:  could not write lock file "postmaster.pid": No space left on device

            """);

        // When, then
        var line = Explain(before);
        Assert.Contains("""its log says "FATAL: could not write lock file "postmaster.pid": No space left on device" """, line);
        Assert.Matches(@"The file system of its data \((?<mount>/\S*)\) has [\d.,]+ \S+ free: free space on \k<mount>, then rerun\.$", line);
    }

    [Fact]
    public void Without_an_error_in_the_log_the_line_says_so_and_points_at_verbose()
    {
        File.WriteAllText(Log, EarlierServer);

        var line = Explain(new FileInfo(Log).Length);

        Assert.Contains($"its log ({Log}) names no error", line);
        Assert.Contains("--verbose", line);
    }
}
