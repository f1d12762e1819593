namespace Sparkify.Loader.Staging.Sources;

/// <summary>
/// An input file or object was replaced, rewritten or deleted while a run was reading it, so what was read cannot be
/// completed: its first part is of one version, and the rest would be of another. The message names the file.
/// </summary>
/// <remarks>
/// An <see cref="IOException"/>, as it is a failure of the read, yet never a transient one (<see cref="ReadFailures"/>); and not an
/// <see cref="InputException"/>, which <c>--max-errors</c> may skip: skipping the rest of a file whose first rows were staged would
/// lose rows without a word.
/// </remarks>
public sealed class InputChangedException(string file, string what)
    : IOException($"{file} changed while it was being read ({what}). Run the load again: it stages the file as it is then.")
{
    public string File { get; } = file;
}
