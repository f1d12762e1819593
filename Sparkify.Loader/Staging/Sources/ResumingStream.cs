namespace Sparkify.Loader.Staging.Sources;

/// <summary>
/// An object's raw bytes that survive a dropped read: it counts the bytes it has delivered and, when a read fails for a
/// transient reason (<see cref="ReadFailures"/>), opens the object again at that offset, of the version the read began on,
/// so whoever reads it (the parser, a hash) never sees the break, and no byte comes twice or goes missing.
/// </summary>
/// <remarks>
/// The source checks the version when it reopens (<see cref="IInputSource.OpenAt"/>): an object replaced or rewritten in
/// the meantime is an <see cref="InputChangedException"/>, never a splice of two versions. A read that keeps failing gives
/// up after <see cref="MaxResumes"/> reopens, with the last error.
/// </remarks>
internal sealed class ResumingStream(IInputSource source, InputObject item, CancellationToken cancellationToken) : Stream
{
    /// <summary>Reopens per object before its read fails for good: a connection that drops this often is not coming back soon.</summary>
    internal const int MaxResumes = 5;

    private Stream? _current;
    private ObjectVersion? _version;
    private long _delivered;
    private int _resumes;

    /// <summary>How often the read was resumed.</summary>
    public int Resumes => _resumes;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            try
            {
                var read = (_current ??= Open()).Read(buffer);
                _delivered += read;
                return read;
            }
            catch (Exception e) when (_resumes < MaxResumes && ReadFailures.IsTransient(e, cancellationToken))
            {
                _resumes++;
                _current?.Dispose();
                _current = null;
                // Backing off gives a busy store or a flapping link time; cancelling the run cuts the wait short.
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100 * _resumes * _resumes));
            }
        }
    }

    private Stream Open()
    {
        // Every byte of the version was delivered and only its end went missing: there is nothing left to read.
        if (_version is { } version && _delivered >= version.Length)
            return Null;
        var opened = source.OpenAt(item, _delivered, _version, cancellationToken);
        _version ??= opened.Version;
        return opened.Content;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _delivered; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _current?.Dispose();
        base.Dispose(disposing);
    }
}
