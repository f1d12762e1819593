using System.Collections.Concurrent;
using System.Text;
using Sparkify.Data.Entities;
using Sparkify.Loader.Model;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>
/// The bad records a run may skip, like Redshift's MAXERROR: up to <see cref="MaxErrors"/> are set
/// aside for the <c>load_errors</c> table; one more fails the run. With 0, the first one does.
/// </summary>
/// <remarks>
/// Parsers on several threads report here. A record is known by its file and line: one reported twice is counted once.
/// </remarks>
public sealed class BadRecords(int maxErrors)
{
    private static readonly TextColumn RawText = TextColumn.Of<LoadError>(nameof(LoadError.RawText));
    private readonly ConcurrentDictionary<(string File, long Line), InputException> _skipped = new();
    private int _count;

    public int MaxErrors { get; } = maxErrors;
    public int Count => Volatile.Read(ref _count);
    public IReadOnlyCollection<InputException> Skipped => [.. _skipped.Values];

    /// <summary>Sets the record aside; or, when it is one too many, returns the error that must stop the run.</summary>
    public InputException? TryAdd(InputException error, ReadOnlySpan<byte> raw = default)
    {
        if (!_skipped.TryAdd((error.File, error.Line), new InputException(error.File, error.Line, error.Problem, Cut(raw))))
            return null; // reported before
        if (Interlocked.Increment(ref _count) > MaxErrors)
            return MaxErrors == 0
                ? error
                : new InputException(error.File, error.Line, $"{error.Problem} (More than --max-errors {MaxErrors} bad records; nothing was loaded.)");
        return null;
    }

    private static string? Cut(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
            return null;
        // Invalid UTF-8 is replaced, so the record can be stored whatever was wrong with it.
        return RawText.Cut(Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, RawText.MaxBytes)]));
    }
}
