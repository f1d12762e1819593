using System.Diagnostics;
using Sparkify.Server;

namespace Sparkify.Tests.Server;

/// <summary>The lock that lets one process at a time create, start or stop the embedded server of a data folder.</summary>
public sealed class EmbeddedServerLockTests : IDisposable
{
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("sparkify-lock-").FullName;

    public void Dispose() => Directory.Delete(_dataRoot, recursive: true);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Task<EmbeddedServerLock> AcquireAsync(TextWriter notices, TimeSpan? patience = null) =>
        EmbeddedServerLock.AcquireAsync(_dataRoot, notices, patience ?? EmbeddedServerLock.DefaultPatience, Cancellation);

    [Fact]
    public async Task A_second_taker_waits_until_the_holder_lets_go_and_says_once_what_it_waits_for()
    {
        // Given the lock held
        var held = await AcquireAsync(TextWriter.Null);
        var notices = new StringWriter();

        // When another takes it
        var second = AcquireAsync(notices);
        await Task.Delay(EmbeddedServerLock.QuietWait * 2, Cancellation);

        // Then it waits, and says so once, until the holder lets go
        Assert.False(second.IsCompleted, "the lock was taken twice at once");
        held.Dispose();
        using var taken = await second.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        Assert.Equal([$"waiting for another process that is starting or stopping the embedded PostgreSQL (data in {_dataRoot})…"],
            notices.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_lock_that_is_free_is_taken_without_a_word()
    {
        var notices = new StringWriter();

        using (await AcquireAsync(notices))
        {
        }
        using (await AcquireAsync(notices))
        {
        }

        Assert.Equal("", notices.ToString());
    }

    [Fact]
    public async Task A_holder_that_keeps_it_past_the_patience_fails_the_wait_naming_the_lock_file()
    {
        using var held = await AcquireAsync(TextWriter.Null);

        var e = await Assert.ThrowsAsync<EmbeddedServerException>(() => AcquireAsync(TextWriter.Null, TimeSpan.FromMilliseconds(300)));

        Assert.Contains(Path.Combine(_dataRoot, EmbeddedServerLock.FileName), e.Message);
    }

    [EndToEnd("starts flock(1) as another process")]
    [Fact]
    public async Task Another_process_holding_the_lock_makes_it_wait_and_a_killed_holder_leaves_it_free()
    {
        // Given another process holding the lock file with flock(2), as a loader's .NET FileShare.None does
        if (!File.Exists("/usr/bin/flock"))
            Assert.Skip("flock(1) (util-linux) is not installed here.");
        var path = Path.Combine(_dataRoot, EmbeddedServerLock.FileName);
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["--exclusive", path, "sleep", "600"]) { RedirectStandardError = true })!;
        try
        {
            await WaitUntilHeldAsync(path);

            // When we try to take it, then it waits; and when the holder is killed, the lock is free at once
            var taking = AcquireAsync(TextWriter.Null);
            await Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation);
            Assert.False(taking.IsCompleted, "the lock was taken while another process held it");
            holder.Kill(entireProcessTree: true);
            using var taken = await taking.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        }
        finally
        {
            if (!holder.HasExited)
                holder.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Until flock(1) has the lock: a non-blocking flock of our own then fails.</summary>
    private static async Task WaitUntilHeldAsync(string path)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var probe = await ProcessRun.RunAsync("/usr/bin/flock", ["--exclusive", "--nonblock", path, "true"], timeout: TimeSpan.FromSeconds(10));
            if (probe.ExitCode != 0)
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(50), Cancellation);
        }
        Assert.Fail($"flock(1) never took {path}");
    }
}
