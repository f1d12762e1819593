namespace Sparkify.Loader.Staging.Sources;

/// <summary>The one way input is read: whole, through a <see cref="ResumingStream"/>, so a dropped read goes on where it stopped.</summary>
public static class InputReads
{
    /// <summary>The object's raw bytes from its start to its end, read as they arrive (<see cref="InputFileRule.Decode"/> decompresses).</summary>
    public static Stream Open(this IInputSource source, InputObject item, CancellationToken cancellationToken) =>
        new ResumingStream(source, item, cancellationToken);
}
