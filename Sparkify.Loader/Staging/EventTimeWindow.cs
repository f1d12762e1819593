namespace Sparkify.Loader.Staging;

/// <summary>The plausible times of an event, UTC: an event's <c>ts</c> outside them is bad input, like any malformed value.</summary>
/// <remarks>A <c>ts</c> of year 3000, or negative, used to become a play dated then; the star tables would hold it forever.</remarks>
public sealed record EventTimeWindow(DateTime From, DateTime To)
{
    public long FromMilliseconds { get; } = new DateTimeOffset(DateTime.SpecifyKind(From, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
    public long ToMilliseconds { get; } = new DateTimeOffset(DateTime.SpecifyKind(To, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public bool Contains(long epochMilliseconds) => epochMilliseconds >= FromMilliseconds && epochMilliseconds <= ToMilliseconds;

    public override string ToString() => $"{From:yyyy-MM-dd HH:mm} to {To:yyyy-MM-dd HH:mm} UTC";
}
