using System.Collections.Concurrent;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// A real input source (a local folder, an S3 prefix), except that the first read of one file drops after a chosen number of
/// bytes, as a reset connection or a failing disk would. Every reopen goes to the real source; what they asked for is kept.
/// </summary>
/// <param name="drops">How many reads of the file drop, one after another: 1 for one dropped read, more to make it keep failing.</param>
/// <param name="onDrop">Runs when a read drops, before the error is thrown: a test can change the file there.</param>
public sealed class DroppingSource(IInputSource real, string file, long at, int drops = 1, Action? onDrop = null) : IInputSource
{
    private int _opensLeftToDrop = drops;

    /// <summary>Every open of the dropped file: its offset, and whether it resumed a read.</summary>
    public ConcurrentQueue<(long Offset, bool Resuming)> Opens { get; } = new();

    /// <summary>The offsets the reads of the file were resumed from.</summary>
    public IReadOnlyList<long> Resumed => [.. Opens.Where(o => o.Resuming).Select(o => o.Offset)];

    public string Location => real.Location;
    public int ReadParallelism => real.ReadParallelism;

    public Task<InputListing> ListAsync(CancellationToken cancellationToken) => real.ListAsync(cancellationToken);

    public ObjectRead OpenAt(InputObject item, long offset, ObjectVersion? resuming, CancellationToken cancellationToken)
    {
        if (item.Name != file)
            return real.OpenAt(item, offset, resuming, cancellationToken);
        Opens.Enqueue((offset, resuming is not null));
        var read = real.OpenAt(item, offset, resuming, cancellationToken);
        // Each open that drops stops at the same place of the file, so a read made to keep failing makes no progress.
        return Interlocked.Decrement(ref _opensLeftToDrop) >= 0 ? read with { Content = new DropsAt(read.Content, Math.Max(0, at - offset), onDrop) } : read;
    }

    /// <summary>The bytes of <paramref name="inner"/> up to <paramref name="length"/>; the read after them fails.</summary>
    private sealed class DropsAt(Stream inner, long length, Action? onDrop) : ReadOnlyStream(inner)
    {
        private long _left = length;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left == 0)
            {
                onDrop?.Invoke();
                throw new IOException("Connection reset by peer (a read dropped by the test)");
            }
            var read = Inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= read;
            return read;
        }
    }
}
