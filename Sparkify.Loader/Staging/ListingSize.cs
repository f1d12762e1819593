using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>How many files a listing found, and their bytes.</summary>
public readonly record struct ListingSize(int Files, long Bytes)
{
    public static ListingSize Of(IReadOnlyList<InputObject> files)
    {
        long bytes = 0;
        foreach (var file in files)
            bytes += file.Size;
        return new(files.Count, bytes);
    }
}
