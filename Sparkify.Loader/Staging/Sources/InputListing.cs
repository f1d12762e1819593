namespace Sparkify.Loader.Staging.Sources;

/// <summary>What listing an input folder or prefix found.</summary>
/// <param name="Files">The input files (<see cref="InputFileRule"/>), in ordinal order of name, each once.</param>
/// <param name="Others">Files found there that are not input, which a run does not read and says so.</param>
/// <param name="Cycles">Symbolic links that lead back into a folder already being walked: named, not followed.</param>
public sealed record InputListing(IReadOnlyList<InputObject> Files, IReadOnlyList<string> Others, IReadOnlyList<string> Cycles)
{
    public static InputListing Of(IReadOnlyList<InputObject> files) => new(files, [], []);
}
